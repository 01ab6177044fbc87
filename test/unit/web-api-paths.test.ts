import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { declaredRoutes, webDefines, webRoot } from '../../web/build.ts';
import { targetOf } from '../../web/src/declared-route.ts';

/**
 * The site and the console reach the API only through web/src/call.ts, by the functions' declared names: no
 * API route is spelled in web/src, every name called is a declared HTTP function given the params its path
 * has, and the bundle carries the routes, not the declarations (their schemas would only type the calls).
 */
const src = join(webRoot, 'src');
const sources = (dir = src): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
const parse = (file: string, text = readFileSync(file, 'utf8')) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);

const httpPaths = functions.flatMap((f) => (f.trigger.type === 'http' ? [f.trigger.path] : []));

/** Whether a literal's text (`${…}` as `{}`) spells a declared route, or the start of one ('/records/' + id). */
function spellsRoute(text: string): boolean {
  const path = text.split('?')[0]!;
  if (!path.startsWith('/') || path === '/') return false;
  if (path.startsWith('/public/') || path === '/public') return true;
  const typed = path.slice(1).split('/');
  return httpPaths.some((declared) => {
    const segments = declared.slice(1).split('/');
    const prefix = typed.at(-1) === '' || typed.at(-1) === '{}';
    if (typed.length > segments.length || (!prefix && typed.length !== segments.length)) return false;
    return typed.every((segment, i) => segment === segments[i] || segment === '{}' || (segment === '' && i === typed.length - 1) || /^\{\w+\}$/.test(segments[i]!));
  });
}

/** Site routes (`#/records/…`, `#/notices`) mirror some API routes: they are fine as what href() and go() take. */
const isSiteRoute = (node: ts.Node): boolean => {
  const parent = node.parent;
  return ts.isCallExpression(parent) && parent.arguments[0] === node && ts.isIdentifier(parent.expression) && ['href', 'go'].includes(parent.expression.text);
};

function routeLiterals(file: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
    if (text !== undefined && !isSiteRoute(node) && spellsRoute(text)) found.push(`${relative(webRoot, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else node.templateSpans.forEach((span) => visit(span.expression));
  };
  visit(file);
  return found;
}

/** Every `call('name', { params: { … } })` and `callFile(…)` in web/src: the name and the param keys given. */
function calls(): { where: string; name: string | undefined; params: string[] | undefined }[] {
  return sources().flatMap((path) => {
    const file = parse(path);
    // Only modules that import the client (cognito.ts has a `call` of its own, to Cognito).
    if (!/from '(\.\.?\/)+call\.ts'/.test(file.text)) return [];
    const found: { where: string; name: string | undefined; params: string[] | undefined }[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['call', 'callFile'].includes(node.expression.text)) {
        const [name, input] = node.arguments;
        const params = input && ts.isObjectLiteralExpression(input) ? input.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'params') : undefined;
        const keys = params && ts.isPropertyAssignment(params) && ts.isObjectLiteralExpression(params.initializer) ? params.initializer.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : '?')) : undefined;
        found.push({ where: `${relative(webRoot, path)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, name: name && ts.isStringLiteral(name) ? name.text : undefined, params: keys });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
  });
}

describe('the site and the console call the API by its declarations', () => {
  it('spell no API route in web/src: the client builds each from its declaration', () => {
    expect(sources().length).toBeGreaterThan(10);
    expect(sources().flatMap((file) => routeLiterals(parse(file)))).toEqual([]);
  });

  it('would notice a route spelled by hand (the check above can fail)', () => {
    const handWritten = parse(
      'hand.ts',
      "api('/records/' + id); api(`/subjects/${s}/records`); api(`/public/lists${query({ list })}`); api('/me/checks?limit=200'); api(`/checks/${id}/outcome`); const site = '/notices';" +
        " href(`/records/${id}`); go('/notices', {}); h('a', {}, '/console/objections'); href('/');",
    );
    expect(routeLiterals(handWritten).map((line) => line.replace(/^.*?: /, ''))).toEqual(['/records/', '/subjects/{}/records', '/public/lists{}', '/me/checks?limit=200', '/checks/{}/outcome', '/notices']);
  });

  it('call only declared HTTP functions, by literal names, each given exactly the params its path has', () => {
    const used = calls();
    expect(used.length).toBeGreaterThan(15);
    const problems = used.flatMap(({ where, name, params }) => {
      if (name === undefined) return [`${where}: the function is not named by a literal`];
      const declaration = functions.find((f) => f.name === name);
      if (!declaration) return [`${where}: no function is declared as "${name}"`];
      if (declaration.trigger.type !== 'http') return [`${where}: "${name}" is not an HTTP function`];
      const wanted = [...declaration.trigger.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const given = [...(params ?? [])].sort();
      return JSON.stringify(wanted) === JSON.stringify(given) ? [] : [`${where}: ${declaration.trigger.path} takes {${wanted.join(', ')}}, given {${given.join(', ')}}`];
    });
    expect(problems).toEqual([]);
    expect(new Set(used.map((c) => c.name))).toEqual(
      new Set(['get-county-profile', 'run-check', 'record-check-outcome', 'export-usage-list', 'create-report-upload', 'get-report-upload', 'list-subject-records', 'get-credit-report', 'list-my-checks', 'list-objections', 'raise-objection', 'get-objection', 'get-compliance', 'search-public-records', 'get-public-record', 'list-public-list', 'list-notices', 'list-public-notices', 'verify-credit-report', 'get-import-template', 'create-import', 'get-import', 'list-imports', 'get-data-quality', 'preview-record', 'push-records', 'list-records', 'get-record', 'correct-record',
        // The case jobs (department-cases.ts, subject-cases.ts, subject-consents.ts).
        'add-objection-evidence', 'answer-objection', 'request-repair', 'list-repairs', 'get-repair', 'decide-repair', 'get-check', 'create-consent', 'revoke-consent', 'list-consents',
        // The credit office's registers, reports and stuck cases (office-*.ts), the institution's consented query (institution.ts).
        'list-departments', 'register-department', 'list-agencies', 'register-agency', 'update-agency', 'list-subject-reports', 'void-report', 'restart-case', 'run-query',
        // The office's register of departments' systems (office-machine-clients.ts); a department's batch checks and commitments (department-batch.ts, department-commitments.ts).
        'list-machine-clients', 'register-machine-client', 'rotate-machine-client-secret', 'revoke-machine-client', 'run-check-batch', 'list-commitments', 'record-commitment-result',
        // Coverage and accountability (coverage.ts).
        'get-coverage', 'get-matter-template', 'upload-matters', 'get-accountability',
        // Matter lists (department-matter-list.ts, office-matter-lists.ts).
        'get-matter-list', 'submit-matter-list', 'comment-matter-list', 'list-matter-lists', 'review-matter-list',
        // Narrative filings (department-filings.ts, office-filings.ts).
        'list-filings', 'create-filing-upload', 'confirm-filing', 'get-filing-document', 'get-filing-status',
        // The assessment and the monthly bulletin (bulletins.ts).
        'get-assessments', 'annotate-assessment', 'list-bulletins', 'get-bulletin', 'get-bulletin-file', 'edit-bulletin-text', 'refresh-bulletin', 'publish-bulletin',
        // National lists (office-national-lists.ts); the exchange upstream (office-exchange.ts).
        'get-national-list-sources', 'list-national-list-imports', 'upload-national-list', 'list-national-list-entries',
        'list-exchange-destinations', 'list-exchange-deliveries', 'redrive-exchange',
        // The usage log's public page (usage-log-page.ts); a check's receipt in the department's console (console/log-receipt.ts).
        'list-usage-logs', 'get-usage-log-consistency', 'get-check-receipt']),
    );
  });

  it('hand the browser every HTTP function’s method, path and access, as declared', () => {
    const routes = declaredRoutes();
    const http = functions.filter((f) => f.trigger.type === 'http');
    expect(Object.keys(routes).sort()).toEqual(http.map((f) => f.name).sort());
    expect(routes['get-public-record']).toEqual({ method: 'GET', path: '/public/records/{id}', public: true });
    expect(routes['run-check']).toEqual({ method: 'POST', path: '/checks', public: false });
    expect(routes['record-check-outcome']).toEqual({ method: 'PUT', path: '/checks/{id}/outcome', public: false });
  });

  it('build a call’s path from its route: each param encoded, empty query values left out; a missing param refused', () => {
    const routes = declaredRoutes();
    expect(targetOf(routes['get-credit-report']!, { params: { subjectId: 'a/b c?' }, query: { consentId: '', date: undefined, x: 1 } })).toBe('/subjects/a%2Fb%20c%3F/report.pdf?x=1');
    expect(targetOf(routes['list-public-list']!, { query: { list: 'red', limit: 50, nextToken: 'n&t=1' } })).toBe('/public/lists?list=red&limit=50&nextToken=n%26t%3D1');
    expect(targetOf(routes['list-objections']!)).toBe('/objections');
    expect(() => targetOf(routes['get-objection']!, { params: {} })).toThrow(/\{id\}/);
  });

  it('bundle the routes, not the declarations: no schema, no zod, nothing server-side', async () => {
    const result = await build({
      entryPoints: [join(src, 'main.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      outdir: join(tmpdir(), 'web-api-paths'),
      metafile: true,
      logLevel: 'silent',
      define: webDefines(),
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => /node_modules|^node:|\/functions\.ts$|\/api\.ts$|catalog\.ts$/.test(input) && !input.endsWith('web/src/api.ts'))).toEqual([]);
    const bundle = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
    expect(bundle).toContain('/public/report-verifications/{code}');
    expect(bundle).not.toContain('__API_ROUTES__');
    expect(bundle).not.toContain('__RECORD_INPUT_SCHEMA__');
  });
});
