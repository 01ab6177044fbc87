import { triggerOf } from '../../shared/objections/functions.ts';
import { addObjectionEvidence } from '../../shared/objections/objections.ts';
import { httpHandler } from '../../shared/http/http-handler.ts';

/** 201 with a presigned POST per file: the files go straight to S3. */
export const handler = httpHandler(triggerOf('add-objection-evidence'), ({ params, body, caller, county, now }) => addObjectionEvidence({ caseId: params.id, body, caller, county, now }));
