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
