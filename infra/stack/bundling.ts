import type { BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { resourceEnv } from '../../shared/storage/tables.ts';
import { fromProjectRoot } from './project-root.ts';

/**
 * How every function is bundled, written once. `CreditFunction` hands these to CDK's NodejsFunction
 * (`cdkBundling`, which runs esbuild's CLI with them), and the bench (test/bench/bundles-bench.ts) and the
 * bundle-size test (test/infra/bundle-size.test.ts) give the same object to esbuild's JS API: what is
 * measured is what is deployed (the test compares the two outputs byte for byte).
 */

/**
 * Packages the AWS SDK's default credential chain imports only after its environment provider has failed.
 *
 * @aws-sdk/credential-provider-node's `defaultProvider` (what every client's runtimeConfig uses) is a
 * chain whose first link is `fromEnv()`, imported statically; every later link `await import(…)`s its
 * provider only when it runs: SSO, INI (shared config files, which itself imports STS/SSO/sign-in nested
 * clients), process, web identity token file, and the remote providers (container HTTP, instance metadata).
 * On Lambda the runtime sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (the
 * function's role), so `fromEnv()` answers, the chain stops, and none of these imports runs. Marked
 * external, each stays in the bundle as a dynamic `import()` that is never reached, and esbuild drops the
 * packages only they import (@aws-sdk/nested-clients, token-providers, credential-provider-login): about
 * 130 KB of minified JS in every function, a third of a DynamoDB-only bundle.
 *
 * What this relies on, and what would break it:
 * - no function sets AWS_PROFILE (the env link skips itself when a profile is named: `CreditFunction`'s
 *   environment has none), and no code builds a client with another provider explicitly (none does: every
 *   client takes the default chain: shared/storage/*-client.ts, shared/privacy/personal-data-keys.ts);
 * - the functions run as ordinary Lambda functions (not SnapStart or another compute that hands out
 *   credentials through a container endpoint rather than the environment);
 * - every import of these packages in a bundle is a dynamic import from the credential chain: the
 *   bundle-size test asserts it from esbuild's metafile, and that each bundle loads with no node_modules
 *   beside it. Were a link ever reached, it would fail loudly (module not found), not fall back silently.
 * The list names the chain's direct lazy imports only, never a package something else might import
 * statically (@aws-sdk/nested-clients is left to fall away on its own).
 */
export const unreachableOnLambda = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
] as const;

/** The packages whose lazy importer in the bundle is the default chain (the one place those imports may be). */
export const credentialChainPackage = '@aws-sdk/credential-provider-node';

export const bundleFileName = 'index.mjs';

/** esbuild's options for one county's functions (the entry point and output file aside). */
export function esbuildOptions(county: CountyConfig) {
  return {
    bundle: true,
    // What NodejsFunction always passes (it has no option for it).
    platform: 'node',
    format: 'esm',
    // Node 22: the version the project runs and tests on locally.
    target: 'node22',
    minify: true,
    // Non-ASCII text (the county's config, messages and names in Chinese) written as UTF-8, not \uXXXX
    // escapes: 3 bytes a character instead of 6. Measured on get-caller: −11 KB (1.6 %), module init the
    // same within noise. Node reads every ES module as UTF-8.
    charset: 'utf8',
    // Source maps for stack traces (NODE_OPTIONS=--enable-source-maps); without the sources inside them
    // (names and mappings are all a stack trace needs), a map is a fifth of its size.
    sourcemap: true,
    sourcesContent: false,
    // The AWS SDK is bundled too (pinned versions, and the SDK team measures lower cold starts bundled
    // than with the runtime's copy), all but the credential providers a Lambda never reaches (above).
    external: [...unreachableOnLambda],
    // fontkit's WOFF2 decoder (brotli, 475 KB) is never reached: the report's fonts are WOFF (bundle-stubs/brotli-decompress.ts).
    alias: { 'brotli/decompress.js': fromProjectRoot('infra/stack/bundle-stubs/brotli-decompress.ts') },
    mainFields: ['module', 'main'],
    // Some bundled CommonJS dependencies call require(); ESM has none unless we create it.
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    // The county config is compiled into each bundle: a deployed function carries its county with it.
    define: { [`process.env.${resourceEnv.county}`]: JSON.stringify(JSON.stringify(county)) },
  } satisfies BuildOptions;
}

type EsbuildOptions = ReturnType<typeof esbuildOptions>;

/**
 * The same options as NodejsFunction's `bundling` (commandHooks aside). Every key of `esbuildOptions` is
 * mapped here or the type check fails (`unmapped`), so an option added there cannot be missing in CDK.
 */
export function cdkBundling(county: CountyConfig): BundlingOptions {
  const { bundle, platform, format, target, minify, charset, sourcemap, sourcesContent, external, mainFields, banner, define, alias, ...unmapped } = esbuildOptions(county);
  const none: Record<string, never> = unmapped;
  void none;
  // NodejsFunction always bundles, for the node platform.
  void (bundle satisfies true);
  void (platform satisfies 'node');
  return {
    format: format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
    target,
    minify,
    sourceMap: sourcemap,
    sourcesContent,
    externalModules: [...external],
    mainFields: [...mainFields],
    banner: banner.js,
    define,
    // Options NodejsFunction has no property for, passed to its esbuild command line as they are.
    esbuildArgs: { '--charset': charset, '--alias': Object.entries(alias).map(([from, to]) => `${from}=${to}`) },
  };
}

export type { EsbuildOptions };
