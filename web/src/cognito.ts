/**
 * Sign-in against the county's Cognito user pool with a username and password (USER_PASSWORD_AUTH, over
 * HTTPS to Cognito itself: the password never reaches the platform). A user the credit office created
 * signs in first with a temporary password and sets a new one (NEW_PASSWORD_REQUIRED); a user with TOTP
 * enabled gives its code (SOFTWARE_TOKEN_MFA). The ID token is what the API's JWT authorizer takes.
 */
export type SignInStep =
  | { done: true; idToken: string }
  | { done: false; challenge: 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA' | string; session: string; username: string };

interface CognitoAnswer {
  AuthenticationResult?: { IdToken?: string };
  ChallengeName?: string;
  Session?: string;
  message?: string;
  __type?: string;
}

async function call(region: string, target: 'InitiateAuth' | 'RespondToAuthChallenge', body: object, fetcher: typeof fetch): Promise<CognitoAnswer> {
  const response = await fetcher(`https://cognito-idp.${region}.amazonaws.com/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as CognitoAnswer;
  if (!response.ok) throw new Error(cognitoMessage(answer));
  return answer;
}

function cognitoMessage(answer: CognitoAnswer): string {
  const type = (answer.__type ?? '').split('#').pop();
  if (type === 'NotAuthorizedException') return '用户名或密码错误';
  if (type === 'UserNotFoundException') return '用户名或密码错误';
  if (type === 'InvalidPasswordException') return `新密码不符合要求：${answer.message ?? ''}`;
  if (type === 'CodeMismatchException') return '动态验证码错误';
  return answer.message ?? '登录失败';
}

function step(answer: CognitoAnswer, username: string): SignInStep {
  if (answer.AuthenticationResult?.IdToken) return { done: true, idToken: answer.AuthenticationResult.IdToken };
  if (answer.ChallengeName && answer.Session) return { done: false, challenge: answer.ChallengeName, session: answer.Session, username };
  throw new Error('登录失败：认证服务没有返回身份令牌');
}

export async function signInWithPassword(pool: { region: string; clientId: string }, username: string, password: string, fetcher: typeof fetch = fetch): Promise<SignInStep> {
  const answer = await call(pool.region, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }, fetcher);
  return step(answer, username);
}

/** Answers a challenge: the new password (NEW_PASSWORD_REQUIRED) or the TOTP code (SOFTWARE_TOKEN_MFA). */
export async function answerChallenge(pool: { region: string; clientId: string }, previous: Extract<SignInStep, { done: false }>, value: string, fetcher: typeof fetch = fetch): Promise<SignInStep> {
  const responses: Record<string, string> =
    previous.challenge === 'NEW_PASSWORD_REQUIRED' ? { USERNAME: previous.username, NEW_PASSWORD: value } : { USERNAME: previous.username, SOFTWARE_TOKEN_MFA_CODE: value };
  const answer = await call(pool.region, 'RespondToAuthChallenge', { ChallengeName: previous.challenge, ClientId: pool.clientId, Session: previous.session, ChallengeResponses: responses }, fetcher);
  return step(answer, previous.username);
}
