import { NestedStack, Stack } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';

/**
 * One template of a county (docs/stacks.md): a nested stack of the county's stack, so that `cdk deploy
 * CreditPlatform-<id>` still deploys the county as one unit with one rollback, and references between the
 * parts are parameters and outputs of the parent (no exports, no cross-stack locks).
 *
 * The nested stack's resource in the parent template is pinned to `<id>Stack`: a new logical id there would
 * make CloudFormation create a new nested stack and delete the old one with everything in it (retained
 * resources would be orphaned, and the new ones would collide with their fixed names or start empty).
 */
export class CountyPart extends NestedStack {
  /** The part's name (construct id): Storage, Identity, Api, Records, …, Website. */
  readonly partName: string;

  constructor(scope: Construct, id: string, { description }: { description: string }) {
    super(scope, id, { description });
    this.partName = id;
    this.nestedStackResource!.overrideLogicalId(partLogicalId(id));
  }
}

/** The logical id of a part's nested-stack resource in the county's template. */
export const partLogicalId = (partName: string): string => `${partName}Stack`;

/**
 * The county's own (top-level) stack, from any construct in it or in one of its parts: its name is the fixed
 * `CreditPlatform-<id>`, where a nested stack's own name is a token CloudFormation generates.
 */
export function countyStackOf(scope: IConstruct): Stack {
  let stack = Stack.of(scope);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  return stack;
}
