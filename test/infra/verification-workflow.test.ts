/**
 * The verification state machine as CDK synthesises it (issue 13, 3i: no answer is ever lost): an
 * execution-level timeout under Step Functions' one-year limit, the state machine retained, a NextStep
 * choice that sends a case taken up again where it stands, and the grants of the functions that take
 * cases up again (the answers, the daily reconciliation) on the workflow's executions only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionNamed } from '../../functions/catalog.ts';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { resourceEnv } from '../../shared/storage/tables.ts';
import { verificationWorkflow } from '../../shared/cases/workflows.ts';
import { expectGrantsFollow } from './expect-grants.ts';
import { functionLogicalId, roleStatements, stateMachineDefinition, synthCounties, synthTimeoutMs, type SynthesizedCounty } from './synth.ts';

let synth: ReturnType<typeof synthCounties>;
let stack: SynthesizedCounty;
beforeAll(() => {
  synth = synthCounties([loadCounty('jiaxian')]);
  stack = synth.county('jiaxian');
}, synthTimeoutMs);
afterAll(() => synth?.cleanup());

const oneYearSeconds = 365 * 24 * 3600;
const machineEntry = () => {
  const machines = Object.entries(stack.json.Resources as Record<string, any>).filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine');
  expect(machines).toHaveLength(1);
  return machines[0]!;
};
const definition = () => stateMachineDefinition(machineEntry()[1].Properties.DefinitionString);
describe('the verification state machine', () => {
  it('ends an execution on its own timeout, a little under the one-year limit of Standard workflows', () => {
    const { TimeoutSeconds } = definition();
    expect(TimeoutSeconds).toBe(verificationWorkflow.executionTimeoutSeconds);
    expect(TimeoutSeconds).toBeLessThan(oneYearSeconds);
    // Longer than any case's answer period with its escalations in an ordinary year: a case reaches it only when unanswered for most of a year.
    expect(TimeoutSeconds).toBeGreaterThan(300 * 24 * 3600);
  });

  it('is retained when the stack is deleted or the resource replaced', () => {
    const [, machine] = machineEntry();
    expect(machine.DeletionPolicy).toBe('Retain');
    expect(machine.UpdateReplacePolicy).toBe('Retain');
  });

  it('goes from OpenCase and WaitElapsed through NextStep: answered → ApplyOutcome, closed → CaseClosed, stuck → CaseStuck, else AwaitAnswer', () => {
    const { States, StartAt } = definition();
    const { states, ends, route } = verificationWorkflow;
    expect(StartAt).toBe(states.open);
    expect(States[states.open].Next).toBe(route.state);
    expect(States[states.elapsed].Next).toBe(route.state);
    const choice = States[route.state];
    expect(choice.Type).toBe('Choice');
    expect(choice.Choices).toEqual([
      { Variable: route.field, StringEquals: 'apply', Next: states.apply },
      { Variable: route.field, StringEquals: 'closed', Next: ends.closed },
      { Variable: route.field, StringEquals: 'stuck', Next: ends.stuck },
    ]);
    expect(choice.Default).toBe(states.await);
    // The input of every execution, the first or a later one, is the case id only: the tasks read the rest.
    expect(States[states.open].Parameters).toEqual({ 'caseId.$': '$.caseId', 'executionArn.$': '$$.Execution.Id' });
    // A timeout of the wait (its planned wake-up) is caught before any other error; the execution's own timeout is not catchable.
    expect(States[states.await].Catch[0]).toEqual({ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: states.elapsed });
  });
});

describe('taking a case up again: grants on the workflow executions only', () => {
  const statementsOf = (name: string) => roleStatements(stack.json, functionLogicalId(stack.json, name));
  const onExecutions = (name: string) =>
    statementsOf(name).filter((s) => JSON.stringify(s.Resource).includes(':execution:'));
  const executionResource = () => {
    const machineName = `${stack.stack.stackName}-${verificationWorkflow.id}`;
    return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:execution:${machineName}:*`]] };
  };

  it('the reconciliation describes and stops executions of this state machine, and starts new ones; it is scheduled daily', () => {
    expectGrantsFollow(stack.json, functionNamed('reconcile-cases'));
    const statements = onExecutions('reconcile-cases');
    expect(statements).toHaveLength(1);
    expect([statements[0].Action].flat().sort()).toEqual(['states:DescribeExecution', 'states:StopExecution']);
    expect(statements[0].Resource).toEqual(executionResource());
    const starts = statementsOf('reconcile-cases').filter((s) => [s.Action].flat().includes('states:StartExecution'));
    expect(starts.map((s) => s.Resource)).toEqual([{ Ref: machineEntry()[0] }]);
    const schedules = Object.values(stack.json.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::Scheduler::Schedule');
    const target = functionLogicalId(stack.json, 'reconcile-cases');
    expect(schedules.filter((s) => s.Properties.Target.Arn['Fn::GetAtt'][0] === target)).toEqual([
      expect.objectContaining({ Properties: expect.objectContaining({ ScheduleExpression: 'cron(30 6 * * ? *)', ScheduleExpressionTimezone: 'Asia/Shanghai' }) }),
    ]);
  });

  it.each(['answer-objection', 'decide-repair'])('%s answers, and when the execution is gone describes it and starts a new one; it stops nothing', (name) => {
    expectGrantsFollow(stack.json, functionNamed(name));
    const statements = onExecutions(name);
    expect(statements.flatMap((s) => [s.Action].flat())).toEqual(['states:DescribeExecution']);
    expect(statements[0].Resource).toEqual(executionResource());
    const env = stack.json.Resources[functionLogicalId(stack.json, name)].Properties.Environment.Variables;
    expect(env[resourceEnv.workflowArn(verificationWorkflow.id)]).toEqual({ Ref: machineEntry()[0] });
  });

  it('no other function may describe or stop executions', () => {
    const allowed = new Set(['reconcile-cases', 'answer-objection', 'decide-repair']);
    const lambdas = Object.values(stack.json.Resources as Record<string, any>).filter((r) => r.Type === 'AWS::Lambda::Function');
    const names = lambdas.map((r) => r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME).filter((n): n is string => typeof n === 'string');
    for (const name of names) {
      if (allowed.has(name)) continue;
      const actions = statementsOf(name).flatMap((s) => [s.Action].flat());
      expect(actions.filter((a) => a === 'states:DescribeExecution' || a === 'states:StopExecution'), name).toEqual([]);
    }
  });
});
