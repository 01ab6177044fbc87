/**
 * Turns the state machines of a synthesised CloudFormation template into runnable ASL for the local
 * Step Functions service: the template carries each definition as a `Fn::Join` over strings and
 * `Fn::GetAtt`/`Ref` of the functions it calls, which only CloudFormation would resolve.
 */

/** The slice of a CloudFormation template this module reads. */
export interface CloudFormationTemplate {
  Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> } | undefined>;
}

export interface ResolveOptions {
  /** Region put into resolved ARNs and `AWS::Region`; default `AWS_REGION` or `us-east-1`. */
  region?: string;
  /** Account put into resolved ARNs and `AWS::AccountId`; default `000000000000`, as the local emulators use. */
  accountId?: string;
}

const STATE_MACHINE = 'AWS::StepFunctions::StateMachine';
const LAMBDA_FUNCTION = 'AWS::Lambda::Function';

/** The ARN under which a local function is invoked by a state machine. */
export function localLambdaArn(name: string, options: ResolveOptions = {}): string {
  const { region, accountId } = withDefaults(options);
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

/**
 * The ASL of state machine `stateMachineLogicalId`, with every function reference resolved through
 * `lambdaNameOf` (logical id → local function name). `Fn::GetAtt [fn, Arn]` becomes the local function
 * ARN and `Ref fn` the function name (as CloudFormation does); `Ref` of `AWS::Region`, `AWS::AccountId`,
 * `AWS::Partition`, `AWS::URLSuffix` and `DefinitionSubstitutions` are resolved too. Anything else
 * throws, naming the state machine and the reference, rather than leaving a placeholder behind.
 */
export function resolveStateMachineDefinition(
  template: CloudFormationTemplate,
  stateMachineLogicalId: string,
  lambdaNameOf: (logicalId: string) => string | undefined,
  options: ResolveOptions = {},
): Record<string, unknown> {
  const resource = template.Resources?.[stateMachineLogicalId];
  if (!resource || resource.Type !== STATE_MACHINE) {
    throw new Error(`${stateMachineLogicalId} is not an ${STATE_MACHINE} of this template`);
  }
  const properties = resource.Properties ?? {};
  const where = `state machine ${stateMachineLogicalId}`;
  const resolve = (node: unknown) => resolveIntrinsics(node, template, lambdaNameOf, withDefaults(options), where);

  const substitutions = new Map<string, string>();
  for (const [key, value] of Object.entries((properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>)) {
    const resolved = resolve(value);
    substitutions.set(key, typeof resolved === 'string' ? resolved : JSON.stringify(resolved));
  }
  const substitute = (text: string) =>
    text.replace(/\$\{([^}]+)\}/g, (whole, key: string) => substitutions.get(key) ?? whole);

  let definition: unknown;
  if (properties.DefinitionString !== undefined) {
    const text = resolve(properties.DefinitionString);
    if (typeof text !== 'string') throw new Error(`${where}: DefinitionString does not resolve to a string`);
    try {
      definition = JSON.parse(substitute(text));
    } catch (error) {
      throw new Error(`${where}: DefinitionString is not JSON once resolved (${(error as Error).message})`);
    }
  } else if (properties.Definition !== undefined) {
    definition = JSON.parse(substitute(JSON.stringify(resolve(properties.Definition))));
  } else {
    throw new Error(`${where}: no DefinitionString or Definition (DefinitionS3Location is not supported locally)`);
  }
  if (!isRecord(definition) || typeof definition.StartAt !== 'string' || !isRecord(definition.States)) {
    throw new Error(`${where}: the resolved definition has no StartAt and States`);
  }
  return definition;
}

/** State machines carrying tag `tagKey`, with the tag's value (e.g. the workflow id). */
export function findStateMachinesByTag(
  template: CloudFormationTemplate,
  tagKey: string,
): Array<{ logicalId: string; tagValue: string }> {
  const found: Array<{ logicalId: string; tagValue: string }> = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource?.Type !== STATE_MACHINE) continue;
    const tags = resource.Properties?.Tags;
    if (!Array.isArray(tags)) continue;
    const tag = tags.find((t): t is { Key: string; Value: unknown } => isRecord(t) && t.Key === tagKey);
    if (!tag) continue;
    if (typeof tag.Value !== 'string') {
      throw new Error(`state machine ${logicalId}: tag ${tagKey} is not a plain string`);
    }
    found.push({ logicalId, tagValue: tag.Value });
  }
  return found;
}

/**
 * Each `AWS::Lambda::Function` of the template by logical id, mapped to its declared name: the
 * `POWERTOOLS_SERVICE_NAME` environment variable our function construct sets. Functions without it
 * (custom resources, log retention helpers) are left out.
 */
export function lambdaServiceNames(template: CloudFormationTemplate): Map<string, string> {
  const names = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource?.Type !== LAMBDA_FUNCTION) continue;
    const environment = resource.Properties?.Environment;
    const variables = isRecord(environment) ? environment.Variables : undefined;
    const name = isRecord(variables) ? variables.POWERTOOLS_SERVICE_NAME : undefined;
    if (typeof name === 'string' && name.length > 0) names.set(logicalId, name);
  }
  return names;
}

function resolveIntrinsics(
  node: unknown,
  template: CloudFormationTemplate,
  lambdaNameOf: (logicalId: string) => string | undefined,
  options: Required<ResolveOptions>,
  where: string,
): unknown {
  const recurse = (child: unknown) => resolveIntrinsics(child, template, lambdaNameOf, options, where);
  if (Array.isArray(node)) return node.map(recurse);
  if (!isRecord(node)) return node;

  const keys = Object.keys(node);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) {
    const [fn] = keys as [string];
    const argument = node[fn];
    switch (fn) {
      case 'Ref':
        return resolveRef(String(argument));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
        if (attribute !== 'Arn') throw unresolvable(`Fn::GetAtt ${logicalId}.${attribute}`);
        return localLambdaArn(lambdaName(String(logicalId), `Fn::GetAtt ${logicalId}.Arn`), options);
      }
      case 'Fn::Join': {
        if (!Array.isArray(argument) || argument.length !== 2 || !Array.isArray(argument[1])) {
          throw unresolvable(`malformed Fn::Join ${JSON.stringify(argument)}`);
        }
        const parts = (argument[1] as unknown[]).map(recurse);
        if (!parts.every((p) => typeof p === 'string')) throw unresolvable('Fn::Join over a non-string');
        return parts.join(String(argument[0]));
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
        const local = new Map(Object.entries((variables ?? {}) as Record<string, unknown>).map(([k, v]) => [k, recurse(v)]));
        return String(text).replace(/\$\{([^}!]+)\}/g, (_whole, name: string) => {
          if (local.has(name)) return String(local.get(name));
          if (name.endsWith('.Arn')) return localLambdaArn(lambdaName(name.slice(0, -4), `\${${name}}`), options);
          return resolveRef(name);
        });
      }
      default:
        throw unresolvable(`${fn} ${JSON.stringify(argument)}`);
    }
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, recurse(value)]));

  function resolveRef(name: string): string {
    switch (name) {
      case 'AWS::Region':
        return options.region;
      case 'AWS::AccountId':
        return options.accountId;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      default:
        // CloudFormation's Ref of a function is its name, not its ARN; lambda:invoke accepts either.
        return lambdaName(name, `Ref ${name}`);
    }
  }

  function lambdaName(logicalId: string, reference: string): string {
    const resource = template.Resources?.[logicalId];
    if (resource?.Type !== LAMBDA_FUNCTION) {
      throw unresolvable(reference, resource ? `a ${resource.Type}, not a Lambda function` : 'no such resource');
    }
    const name = lambdaNameOf(logicalId);
    if (!name) throw unresolvable(reference, `no local function for Lambda ${logicalId}`);
    return name;
  }

  function unresolvable(what: string, why?: string): Error {
    return new Error(`${where}: cannot resolve ${what} locally${why ? ` (${why})` : ''}`);
  }
}

function withDefaults(options: ResolveOptions): Required<ResolveOptions> {
  return {
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
