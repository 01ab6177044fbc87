import { synthCountyTemplate } from '../../infra/create-app.ts';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { workflowTagKey } from '../../shared/cases/workflows.ts';
import { startStepFunctionsEndpoint } from '../stepfunctions/http-endpoint.ts';
import { LocalStepFunctions } from '../stepfunctions/local-step-functions.ts';
import { findStateMachinesByTag, lambdaServiceNames, resolveStateMachineDefinition } from '../stepfunctions/resolve-definition.ts';

/**
 * The county's state machines, run locally from the definitions CDK synthesises for its stack (not a
 * copy): the template is synthesised in process without bundling, each state machine found by its
 * workflow tag, and its Lambda references mapped to the declared functions by their service names.
 */
export async function startStepFunctions(options: {
  county: CountyConfig;
  region: string;
  journalDir: string;
  port?: number;
  stateMachineArns: Record<string, string>;
  invokeFunction: (name: string, payload: unknown) => Promise<unknown>;
  /** The clock of the service's deadlines and dates (epoch ms); see LocalStepFunctions. Default Date.now. */
  now?: () => number;
  /** Scales Retry intervals only; see LocalStepFunctions. */
  retryTimeScale?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}): Promise<{ endpoint: string; service: LocalStepFunctions; stop(): Promise<void> }> {
  const template = synthCountyTemplate(options.county);
  const functionNames = lambdaServiceNames(template);
  const service = new LocalStepFunctions({
    invokeFunction: options.invokeFunction,
    region: options.region,
    journalDir: options.journalDir,
    log: options.log,
    ...(options.now ? { now: options.now } : {}),
    ...(options.retryTimeScale !== undefined ? { retryTimeScale: options.retryTimeScale } : {}),
  });
  for (const { logicalId, tagValue } of findStateMachinesByTag(template, workflowTagKey)) {
    const arn = options.stateMachineArns[tagValue];
    if (!arn) throw new Error(`the stack has a state machine for workflow "${tagValue}" that the local runtime has no ARN for`);
    const definition = resolveStateMachineDefinition(template, logicalId, (id) => functionNames.get(id), { region: options.region });
    service.register({ name: arn.split(':').pop()!, arn, definition });
  }
  const endpoint = await startStepFunctionsEndpoint({ service, port: options.port });
  return {
    endpoint: endpoint.endpoint,
    service,
    stop: async () => {
      await endpoint.stop();
      await service.close();
    },
  };
}
