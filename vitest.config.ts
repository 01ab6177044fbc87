import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Java, Chromium and the CJK fonts are looked for first: a missing one is named in seconds, not waited on.
    globalSetup: ['test/support/prerequisites.setup.ts'],
    // Integration tests start emulators (DynamoDB Local ~3 s, S3) and CDK synth takes seconds.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
