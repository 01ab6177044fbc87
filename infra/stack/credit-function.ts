import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { handlerEntry, type FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { pdfFontBundle } from '../../shared/pdf/pdf-fonts.ts';
import { cdkBundling } from './bundling.ts';
import { acknowledge } from './nag.ts';
import { fromProjectRoot } from './project-root.ts';

/**
 * Files a function reads beside its bundle at run time, which esbuild cannot follow (a font is data, not
 * an import): copied from their npm package into the asset after bundling. The credit report's fonts
 * (shared/pdf/pdf-fonts.ts): Noto Sans SC's WOFF cuts, regular weight, ~4.7 MB.
 */
const filesBesideBundle: Partial<Record<string, { fromPackage: string; files: readonly string[]; into: string }>> = {
  'get-credit-report': pdfFontBundle,
  // The monthly bulletin's PDF (shared/bulletins/render-bulletin-pdf.ts) uses the same fonts.
  'publish-bulletin': pdfFontBundle,
  'get-bulletin-file': pdfFontBundle,
  'get-public-bulletin-file': pdfFontBundle,
};

/** Shell commands copying `beside` into the asset (globs left unquoted so the shell expands them). */
const copyBeside = (beside: { fromPackage: string; files: readonly string[]; into: string }, inputDir: string, outputDir: string): string[] => [
  `mkdir -p "${outputDir}/${beside.into}"`,
  ...beside.files.map((file) => `cp "${inputDir}/node_modules/${beside.fromPackage}/"${file} "${outputDir}/${beside.into}/"`),
];

export interface CreditFunctionProps {
  declaration: FunctionDeclaration;
  county: CountyConfig;
  /** The key its log group is encrypted with. */
  logsKey: IKey;
}

/**
 * One Lambda of the catalog with the project's defaults: Node 22 on arm64, an explicit retained log group,
 * ESM bundle with the AWS SDK inside, the county config compiled in, and a role that starts with nothing but
 * its own log group (KMS-encrypted; CloudWatch Logs uses the key, the function needs no grant on it). Grants are added by `Functions` from the declaration's resources.
 */
export class CreditFunction extends Construct {
  readonly declaration: FunctionDeclaration;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, { declaration, county, logsKey }: CreditFunctionProps) {
    super(scope, id);
    this.declaration = declaration;

    const beside = filesBesideBundle[declaration.name];
    this.logGroup = new LogGroup(this, 'LogGroup', {
      encryptionKey: logsKey,
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // No AWSLambdaBasicExecutionRole: the role may write to this function's log group and nowhere else.
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: fromProjectRoot(handlerEntry(declaration.name)),
      depsLockFilePath: fromProjectRoot('package-lock.json'),
      projectRoot: fromProjectRoot('.'),
      description: declaration.description.slice(0, 256),
      // Node 22: the version the project runs and tests on locally; nodejs20.x is deprecated.
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: declaration.memoryMb ?? 512,
      timeout: Duration.seconds(declaration.timeoutSeconds ?? 10),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: declaration.name, // the local runtime maps Lambda logical ids to functions by it
        POWERTOOLS_LOG_LEVEL: 'INFO',
        COUNTY_ID: county.id,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        // infra/stack/bundling.ts: the one definition, shared with the bench and the bundle-size test.
        ...cdkBundling(county),
        ...(beside
          ? { commandHooks: { beforeBundling: () => [], beforeInstall: () => [], afterBundling: (inputDir: string, outputDir: string) => copyBeside(beside, inputDir, outputDir) } }
          : {}),
      },
    });

    acknowledge(
      this.function,
      'L1',
      'Node.js 22 is the version the project runs and tests on locally; moving to a newer runtime is a deliberate, tested upgrade.',
    );
  }

  addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
  }
}
