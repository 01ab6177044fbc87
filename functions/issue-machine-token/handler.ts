import { tokenEndpointHandler } from '../../shared/machine-clients/token-endpoint.ts';

export const handler = tokenEndpointHandler();
