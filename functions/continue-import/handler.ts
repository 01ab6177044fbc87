import { backgroundHandler } from '../../shared/lambda/background-handler.ts';
import { s3ObjectCreatedEvent } from '../../shared/lambda/event-schemas.ts';
import { ingestImports } from '../../shared/imports/import-events.ts';

export const handler = backgroundHandler(s3ObjectCreatedEvent, async (input) => ingestImports(input, 'continuation'));
