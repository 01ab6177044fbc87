import { oauthTokenHandler } from '../../shared/http/oauth-token-handler.ts';
import { issueTokenFromForm } from '../../shared/machine-clients/tokens.ts';

export const handler = oauthTokenHandler(issueTokenFromForm);
