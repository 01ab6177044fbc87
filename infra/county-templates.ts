import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { CountyStack } from './stack/county-stack.ts';
import { partLogicalId } from './stack/county-part.ts';

type Template = Record<string, any>;

/** One CloudFormation template of a county: its own stack's (`part` undefined) or a part's (nested stack). */
export interface CountyTemplate {
  /** The part's name (Storage, Identity, Api, Records, …, Website); undefined for the county stack itself. */
  part?: string;
  /** The logical id of the part's nested-stack resource in the county template. */
  logicalId?: string;
  template: Template;
}

/** The county stack's template and each of its parts' templates, as synthesized into `assembly`. */
export function countyTemplates(assembly: CloudAssembly, stack: CountyStack): CountyTemplate[] {
  const root = assembly.getStackByName(stack.stackName).template as Template;
  return [
    { template: root },
    ...stack.parts.map((part) => ({
      part: part.partName,
      logicalId: partLogicalId(part.partName),
      template: JSON.parse(readFileSync(join(assembly.directory, part.templateFile), 'utf8')) as Template,
    })),
  ];
}

/**
 * All templates of a county as one: every resource of every template under its own logical id, and every
 * reference that crosses templates (a part's parameter, filled by the parent from another part's output)
 * replaced by what it refers to, e.g. a function's `CREDIT_TABLE` is `{ Ref: CreditDataTable }` again. The
 * outputs are the county stack's. This is the view the local runtime reads (state machines, functions by
 * POWERTOOLS_SERVICE_NAME) and the CDK tests assert on; it is not deployable. Logical ids are unique across the
 * templates (a clash throws), CDK's per-template metadata resource left out.
 */
export function mergeCountyTemplates(templates: readonly CountyTemplate[]): Template {
  const root = templates.find((t) => t.part === undefined);
  if (!root) throw new Error('no county stack template among the templates');
  const byLogicalId = new Map(templates.filter((t) => t.logicalId).map((t) => [t.logicalId!, t]));
  const parentOf = new Map<CountyTemplate, CountyTemplate>(templates.filter((t) => t.part !== undefined).map((t) => [t, root]));

  const resolve = (node: unknown, where: CountyTemplate): unknown => {
    if (Array.isArray(node)) return node.map((n) => resolve(n, where));
    if (!node || typeof node !== 'object') return node;
    const value = node as Record<string, any>;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string' && where.template.Parameters?.[value.Ref]) {
      const parent = parentOf.get(where);
      // A parameter of the county stack itself (the bootstrap version) stays as it is.
      if (!parent) return value;
      const passed = parent.template.Resources?.[where.logicalId!]?.Properties?.Parameters?.[value.Ref];
      if (passed === undefined) throw new Error(`parameter ${value.Ref} of part ${where.part} is not passed by the county stack`);
      return resolve(passed, parent);
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [logicalId, attribute] = value['Fn::GetAtt'] as [string, string];
      const nested = byLogicalId.get(logicalId);
      if (nested && typeof attribute === 'string' && attribute.startsWith('Outputs.')) {
        const output = nested.template.Outputs?.[attribute.slice('Outputs.'.length)];
        if (!output) throw new Error(`part ${nested.part} has no output ${attribute}`);
        return resolve(output.Value, nested);
      }
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, where)]));
  };

  const resources: Record<string, unknown> = {};
  const origin = new Map<string, string>();
  for (const t of templates) {
    for (const [logicalId, resource] of Object.entries((t.template.Resources ?? {}) as Record<string, any>)) {
      if (resource.Type === 'AWS::CDK::Metadata') continue;
      if (origin.has(logicalId)) throw new Error(`logical id ${logicalId} is in both ${origin.get(logicalId)} and ${t.part ?? 'the county stack'}`);
      origin.set(logicalId, t.part ?? 'the county stack');
      resources[logicalId] = resolve(resource, t);
    }
  }
  return { ...root.template, Resources: resources, Outputs: resolve(root.template.Outputs ?? {}, root) };
}
