import { describe, expect, it } from 'vitest';
import { functions as catalog } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { verificationWorkflow, workflowTagKey } from '../../shared/cases/workflows.ts';
import { synthCountyTemplate } from '../../infra/create-app.ts';
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
  }, synthTimeoutMs);
});
