import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { CountyConfig } from '../../shared/config/county-config.ts';
import { roles, type Role } from '../../shared/identity/roles.ts';
import { ensureWebBuilt, webDist } from '../../web/build.ts';
import { renderIndex } from '../../web/render-index.ts';
import type { LocalIssuer } from '../identity/local-issuer.ts';
import { send } from './api-server.ts';

/**
 * The county's website on the local runtime, at the API's own origin (the site routes by hash, so no page
 * path meets an API route): `GET /` and `/index.html` (rendered for the county), `/assets/*` (web/dist,
 * built when missing or stale), `/config.json` (the API is this origin; sign-in is the local one). And the
 * dev sign-in: `POST /_local/token {role, orgId}` signs a token as `npm run token` does. Local runtime
 * only: nothing here is in the stack (infra/stack/website.ts serves the same files from S3 and CloudFront).
 */
export interface StaticSiteOptions {
  county: CountyConfig;
  issuer: LocalIssuer;
  /** Who the dev sign-in page offers (the demo organisations, once loaded). */
  logins: () => { role: Role; orgId: string; name: string }[];
}

export const localTokenPath = '/_local/token';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The headers CloudFront adds on AWS (infra/stack/website.ts), less HSTS (plain HTTP here). */
const pageHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cache-control': 'no-cache',
};

export function staticSite(options: StaticSiteOptions) {
  return async (request: IncomingMessage, url: URL, body: Buffer, response: ServerResponse): Promise<boolean> => {
    const path = url.pathname;
    if (path === localTokenPath) {
      if (request.method !== 'POST') return send(response, 405, { message: 'Method Not Allowed' }, { allow: 'POST' }), true;
      await signDevToken(options, body, response);
      return true;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (path === '/' || path === '/index.html') {
      await ensureWebBuilt();
      const template = (await readBuilt(join(webDist, 'index.html')))!.toString('utf8');
      return serve(response, 'text/html; charset=utf-8', renderIndex(template, { siteName: options.county.siteName, countyName: options.county.name }), request.method), true;
    }
    if (path === '/config.json') {
      const apiUrl = `http://${request.headers.host ?? url.host}`;
      const config = { apiUrl, siteName: options.county.siteName, countyName: options.county.name, login: { mode: 'local', tokenUrl: localTokenPath, organisations: options.logins() } };
      return serve(response, contentTypes['.json']!, JSON.stringify(config), request.method), true;
    }
    if (path.startsWith('/assets/')) {
      await ensureWebBuilt();
      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        return send(response, 400, { message: 'Bad Request', error: { code: 'BAD_PATH', message: 'the path has a malformed percent-escape' } }), true;
      }
      const file = normalize(join(webDist, decoded));
      if (!file.startsWith(join(webDist, 'assets') + sep)) return send(response, 404, { message: 'Not Found' }), true;
      const content = await readBuilt(file);
      if (!content) return send(response, 404, { message: 'Not Found' }), true;
      return serve(response, contentTypes[extname(file)] ?? 'application/octet-stream', content, request.method), true;
    }
    return false;
  };
}

/**
 * A file of web/dist, or undefined if there is none. Another process (a test worker, `npm run build:web`)
 * may be swapping in a new build at that instant: a missing file is looked for again before it is missing.
 */
async function readBuilt(file: string): Promise<Buffer | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) {
        if (file.endsWith('index.html')) throw error;
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function serve(response: ServerResponse, contentType: string, content: string | Buffer, method: string | undefined): void {
  response.writeHead(200, { 'content-type': contentType, ...pageHeaders });
  response.end(method === 'HEAD' ? undefined : content);
}

async function signDevToken(options: StaticSiteOptions, body: Buffer, response: ServerResponse): Promise<void> {
  let input: { role?: unknown; orgId?: unknown };
  try {
    input = (body.length ? JSON.parse(body.toString('utf8')) : {}) as typeof input;
  } catch {
    return send(response, 400, { error: { code: 'VALIDATION_FAILED', field: 'body', message: 'body: must be valid JSON' } });
  }
  if (typeof input.role !== 'string' || !(roles as readonly string[]).includes(input.role)) {
    return send(response, 400, { error: { code: 'VALIDATION_FAILED', field: 'body.role', message: `body.role: must be one of ${roles.join(', ')}` } });
  }
  if (typeof input.orgId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(input.orgId)) {
    return send(response, 400, { error: { code: 'VALIDATION_FAILED', field: 'body.orgId', message: 'body.orgId: must be an organisation id (letters, digits, - and _)' } });
  }
  const token = await options.issuer.sign({ role: input.role as Role, orgId: input.orgId, county: options.county.id });
  send(response, 200, { token, role: input.role, orgId: input.orgId });
}

/**
 * Whom the dev sign-in offers: the demo organisations, and each demo subject as itself (the companies
 * with punishments or an objection, and the person, whose ID number the API masks for everyone else).
 */
export function demoLogins(organisations: readonly { role: Role; orgId: string; name: string }[], subjects: readonly { name: string; uscc?: string; residentId?: string }[]) {
  const listed = organisations.map(({ role, orgId, name }) => ({ role, orgId, name }));
  for (const subject of subjects) {
    const orgId = subject.uscc ?? subject.residentId;
    if (!orgId || listed.some((o) => o.role === 'subject' && o.orgId === orgId)) continue;
    listed.push({ role: 'subject', orgId, name: subject.residentId && !subject.uscc ? `${subject.name}（自然人）` : subject.name });
  }
  return listed;
}
