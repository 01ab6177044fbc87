/**
 * A machine without Java: `npm start` stops within seconds naming what is missing and the command, instead
 * of waiting on an emulator that cannot start (issue 13 §6). The PATH given holds only node and dpkg.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingPrerequisites } from '../../local/prerequisites.ts';

const bare = mkdtempSync(join(tmpdir(), 'no-java-'));
symlinkSync(process.execPath, join(bare, 'node'));

describe('prerequisites', () => {
  it('names a missing java and its package', () => {
    const saved = process.env.PATH;
    process.env.PATH = bare;
    try {
      expect(missingPrerequisites(['java'])).toEqual([{ name: 'java', package: 'openjdk-17-jre-headless', problem: expect.stringContaining('no java') }]);
    } finally {
      process.env.PATH = saved;
    }
    expect(missingPrerequisites(['java'])).toEqual([]); // this machine has it (the suite's setup made sure)
  });

  it('npm start without java stops within seconds with the package and the command', () => {
    const started = Date.now();
    const tsx = join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const result = spawnSync(process.execPath, [tsx, 'local/main.ts', '--port', '0', '--fresh', '--data', mkdtempSync(join(tmpdir(), 'no-java-data-'))], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: bare, NO_INSTALL_PREREQUISITES: '1' },
    });
    const seconds = (Date.now() - started) / 1000;
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no java on the PATH');
    expect(result.stderr).toContain('apt-get install -y openjdk-17-jre-headless');
    expect(result.stdout).not.toContain('is up');
    console.log(`npm start without java stopped after ${seconds.toFixed(1)} s`);
  });
});
