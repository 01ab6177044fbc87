import { answerChallenge, signInWithPassword, type SignInStep } from './cognito.ts';
import { config, type DemoLogin } from './config.ts';
import { errorBox, field, h, show, valueOf } from './dom.ts';
import { roleLabels } from './labels.ts';
import { go } from './router.ts';
import { signIn } from './session.ts';

/**
 * Sign-in. On AWS: the county's Cognito user pool (username and password, then a new password or a TOTP
 * code if Cognito asks), or an ID token pasted as it is. Locally: the demo organisations, one button each,
 * with a token from the runtime's local-only `POST /_local/token`.
 */
export function loginPage(root: HTMLElement): void {
  const message = h('div', { 'aria-live': 'polite' });
  const done = (token: string) => {
    try {
      signIn(token);
      go('/console');
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  };
  const login = config().login;
  show(
    root,
    h('h1', {}, '登录'),
    message,
    login.mode === 'local' ? localLogin(login.tokenUrl, login.organisations, done, message) : cognitoLogin(login, done, message),
    h(
      'details',
      { class: 'token-login' },
      h('summary', {}, '使用身份令牌（ID token）登录'),
      h(
        'form',
        {
          onsubmit: (event: Event) => {
            event.preventDefault();
            done(valueOf(event.currentTarget as HTMLFormElement, 'login-token'));
          },
        },
        field('ID token', h('textarea', { rows: 4, required: true, spellcheck: 'false', testid: 'login-token' })),
        h('button', { type: 'submit', testid: 'login-token-submit' }, '登录'),
      ),
    ),
  );
}

function localLogin(tokenUrl: string, organisations: DemoLogin[], done: (token: string) => void, message: HTMLElement) {
  const choose = async (org: DemoLogin) => {
    try {
      const response = await fetch(`${config().apiUrl}${tokenUrl}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: org.role, orgId: org.orgId }) });
      const answer = (await response.json()) as { token?: string; error?: { message?: string } };
      if (!response.ok || !answer.token) throw new Error(answer.error?.message ?? `令牌签发失败（${response.status}）`);
      done(answer.token);
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  };
  return h(
    'section',
    { class: 'dev-login' },
    h('p', { class: 'hint' }, '本机演示环境：选择一个演示机构登录（令牌由本地运行时签发，仅本机可用）。'),
    h(
      'ul',
      { class: 'orgs' },
      organisations.map((org) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', testid: 'login-org', 'data-role': org.role, 'data-org': org.orgId, onclick: () => void choose(org) },
            h('strong', {}, org.name),
            h('span', { class: 'meta' }, `${roleLabels[org.role] ?? org.role} · ${org.orgId}`),
          ),
        ),
      ),
    ),
  );
}

function cognitoLogin(pool: { region: string; clientId: string }, done: (token: string) => void, message: HTMLElement) {
  const form = h('form', { class: 'login' });
  const passwordForm = () => {
    show(
      form,
      field('用户名', h('input', { type: 'text', autocomplete: 'username', required: true, testid: 'login-username' })),
      field('密码', h('input', { type: 'password', autocomplete: 'current-password', required: true, testid: 'login-password' })),
      h('button', { type: 'submit', testid: 'login-submit' }, '登录'),
    );
    form.onsubmit = async (event) => {
      event.preventDefault();
      await next(() => signInWithPassword(pool, valueOf(form, 'login-username'), (form.querySelector('[data-testid="login-password"]') as HTMLInputElement).value));
    };
  };
  const challengeForm = (step: Extract<SignInStep, { done: false }>) => {
    const newPassword = step.challenge === 'NEW_PASSWORD_REQUIRED';
    if (!newPassword && step.challenge !== 'SOFTWARE_TOKEN_MFA') {
      show(message, errorBox(`不支持的登录验证方式：${step.challenge}`));
      return passwordForm();
    }
    show(
      form,
      newPassword
        ? field('新密码', h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12, testid: 'login-new-password' }), '首次登录请设置新密码：至少12位，含大小写字母、数字和符号。')
        : field('动态验证码', h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, testid: 'login-mfa-code' })),
      h('button', { type: 'submit', testid: 'login-challenge-submit' }, '确定'),
    );
    form.onsubmit = async (event) => {
      event.preventDefault();
      const value = (form.querySelector(newPassword ? '[data-testid="login-new-password"]' : '[data-testid="login-mfa-code"]') as HTMLInputElement).value;
      await next(() => answerChallenge(pool, step, value));
    };
  };
  const next = async (attempt: () => Promise<SignInStep>) => {
    try {
      const step = await attempt();
      if (step.done) done(step.idToken);
      else challengeForm(step);
    } catch (error) {
      show(message, errorBox((error as Error).message));
    }
  };
  passwordForm();
  return form;
}
