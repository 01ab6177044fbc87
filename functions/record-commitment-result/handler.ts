import { triggerOf } from '../../shared/commitments/functions.ts';
import { recordCommitmentResult } from '../../shared/commitments/commitment-result.ts';
import { machineHttpHandler } from '../../shared/http/machine-http-handler.ts';

export const handler = machineHttpHandler(triggerOf('record-commitment-result'), async ({ params, body, caller, county, now }) => ({ body: await recordCommitmentResult({ recordId: params.id, body, caller, county, now }) }));
