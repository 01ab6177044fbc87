import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag v3 acknowledgments, kept next to the construct they concern. v3 has no prefix matching:
 * an IAM5 finding is acknowledged by its exact id, e.g. `AwsSolutions-IAM5[Resource::<CreditDataTable.Arn>/index/*]`.
 */
export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}

/** The IAM5 finding for a wildcard resource under a resource's ARN, as cdk-nag spells it: `Resource::<Id.Arn>/index/*`. */
export function arnWildcardFinding(resource: IConstruct, suffix: string): string {
  return `IAM5[Resource::<${logicalIdOf(resource)}.Arn>${suffix}]`;
}

/**
 * The IAM5 finding for a wildcard under an ARN, as cdk-nag spells it in the template of `scope`:
 * `Resource::<Id.Arn>/*` for a resource of that template, `Resource::<ParameterName>/*` for an ARN a part
 * receives as a parameter (infra/stack/part-inputs.ts).
 */
export function wildcardFinding(scope: IConstruct, arn: string, suffix: string): string {
  const resolved = Stack.of(scope).resolve(arn) as unknown;
  return `IAM5[Resource::${flatten(resolved)}${suffix}]`;
}

function flatten(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object') {
    const value = node as Record<string, any>;
    if ('Ref' in value) return `<${value.Ref}>`;
    if ('Fn::GetAtt' in value) return `<${value['Fn::GetAtt'][0]}.${value['Fn::GetAtt'][1]}>`;
    if ('Fn::Join' in value) return (value['Fn::Join'][1] as unknown[]).map(flatten).join(value['Fn::Join'][0]);
  }
  throw new Error(`cannot name the cdk-nag finding of ${JSON.stringify(node)}`);
}

/** The final logical id of a construct's CloudFormation resource (after any override). */
export function logicalIdOf(construct: IConstruct): string {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(resource).resolve(resource.logicalId) as string;
}

/** Pins a stateful resource's logical id so refactoring the construct tree never replaces it. */
export function pinLogicalId(construct: IConstruct, logicalId: string): void {
  const resource = construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  resource.overrideLogicalId(logicalId);
}
