import { describe, expect, it } from 'vitest';
import { answerChallenge, signInWithPassword } from '../../web/src/cognito.ts';

/** The console's Cognito sign-in (web/src/cognito.ts), against a stand-in for Cognito's JSON API. */
const pool = { region: 'cn-north-1', clientId: 'client-123' };

function cognito(answers: { status?: number; body: object }[]) {
  const requests: { url: string; target: string; body: any }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    requests.push({ url, target: (init.headers as Record<string, string>)['x-amz-target']!, body: JSON.parse(String(init.body)) });
    const answer = answers.shift()!;
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200 });
  }) as unknown as typeof fetch;
  return { fetcher, requests };
}

describe('signing in to the console with Cognito', () => {
  it('posts USER_PASSWORD_AUTH to the region’s endpoint and returns the ID token', async () => {
    const { fetcher, requests } = cognito([{ body: { AuthenticationResult: { IdToken: 'id.token.here', AccessToken: 'a' } } }]);
    expect(await signInWithPassword(pool, 'zhang', 'S3cret!pass', fetcher)).toEqual({ done: true, idToken: 'id.token.here' });
    expect(requests).toEqual([
      {
        url: 'https://cognito-idp.cn-north-1.amazonaws.com/',
        target: 'AWSCognitoIdentityProviderService.InitiateAuth',
        body: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client-123', AuthParameters: { USERNAME: 'zhang', PASSWORD: 'S3cret!pass' } },
      },
    ]);
  });

  it('sets a new password when Cognito asks for one (a user the credit office created), then signs in', async () => {
    const { fetcher, requests } = cognito([
      { body: { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'session-1' } },
      { body: { AuthenticationResult: { IdToken: 'fresh.id.token' } } },
    ]);
    const step = await signInWithPassword(pool, 'li', 'Temp0rary!pass', fetcher);
    expect(step).toEqual({ done: false, challenge: 'NEW_PASSWORD_REQUIRED', session: 'session-1', username: 'li' });
    if (step.done) throw new Error('unexpected');
    expect(await answerChallenge(pool, step, 'N3w!password-long', fetcher)).toEqual({ done: true, idToken: 'fresh.id.token' });
    expect(requests[1]).toMatchObject({
      target: 'AWSCognitoIdentityProviderService.RespondToAuthChallenge',
      body: { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: 'client-123', Session: 'session-1', ChallengeResponses: { USERNAME: 'li', NEW_PASSWORD: 'N3w!password-long' } },
    });
  });

  it('answers a TOTP challenge with the code', async () => {
    const { fetcher, requests } = cognito([{ body: { AuthenticationResult: { IdToken: 'mfa.id.token' } } }]);
    const step = { done: false as const, challenge: 'SOFTWARE_TOKEN_MFA', session: 's', username: 'wang' };
    expect(await answerChallenge(pool, step, '123456', fetcher)).toEqual({ done: true, idToken: 'mfa.id.token' });
    expect(requests[0]!.body.ChallengeResponses).toEqual({ USERNAME: 'wang', SOFTWARE_TOKEN_MFA_CODE: '123456' });
  });

  it('says the same for a wrong password and an unknown user, and passes a password rule on', async () => {
    for (const type of ['NotAuthorizedException', 'UserNotFoundException']) {
      const { fetcher } = cognito([{ status: 400, body: { __type: type, message: 'Incorrect username or password.' } }]);
      await expect(signInWithPassword(pool, 'x', 'y', fetcher)).rejects.toThrow('用户名或密码错误');
    }
    const { fetcher } = cognito([{ status: 400, body: { __type: 'InvalidPasswordException', message: 'Password must have symbol characters' } }]);
    await expect(answerChallenge(pool, { done: false, challenge: 'NEW_PASSWORD_REQUIRED', session: 's', username: 'u' }, 'weak', fetcher)).rejects.toThrow('新密码不符合要求：Password must have symbol characters');
  });
});
