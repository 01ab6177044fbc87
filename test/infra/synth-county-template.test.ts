import { describe, expect, it } from 'vitest';
import { functions as catalog } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { verificationWorkflow, workflowTagKey } from '../../shared/cases/workflows.ts';
import { synthCountyTemplate } from '../../infra/create-app.ts';
import { findStateMachinesByTag, lambdaServiceNames, resolveStateMachineDefinition } from '../../local/stepfunctions/resolve-definition.ts';
import { functionLogicalId, synthTimeoutMs } from './synth.ts';

describe('synthCountyTemplate (what the local runtime reads)', () => {
  it('returns the template with the tagged state machine and every catalog Lambda named by POWERTOOLS_SERVICE_NAME', () => {
    const template = synthCountyTemplate(loadCounty('zanhuang'));
    const resources = Object.values(template.Resources as Record<string, any>);
    const machines = resources.filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
    expect(machines.map((m) => m.Properties.Tags)).toEqual([
      expect.arrayContaining([{ Key: workflowTagKey, Value: verificationWorkflow.id }]),
    ]);
    for (const declaration of catalog) {
      const fn = template.Resources[functionLogicalId(template, declaration.name)];
      expect(fn.Properties.Environment.Variables.COUNTY_ID).toBe('zanhuang');
    }
    // What local/workflows/start-step-functions.ts does with it: every task of the state machine resolves to a
    // catalog function by its service name, though the state machine and the functions' parts are nested stacks.
    const names = lambdaServiceNames(template);
    const [machine] = findStateMachinesByTag(template, workflowTagKey);
    const definition = resolveStateMachineDefinition(template, machine!.logicalId, (id) => names.get(id), { region: 'cn-north-1' }) as any;
    const tasks = catalog.filter((d) => d.trigger.type === 'task');
    expect(tasks.length).toBe(Object.values(verificationWorkflow.states).length);
    for (const declaration of tasks) {
      const task = definition.States[(declaration.trigger as { state: string }).state];
      expect(task.Parameters?.FunctionName ?? task.Resource, declaration.name).toBe(`arn:aws:lambda:cn-north-1:000000000000:function:${declaration.name}`);
    }
  }, synthTimeoutMs);
});
