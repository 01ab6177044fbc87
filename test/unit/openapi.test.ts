import { describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import type { FunctionDeclaration } from '../../shared/lambda/declaration.ts';

describe('the OpenAPI document', () => {
  const document = openApiDocument(functions, { title: 'test', version: '1' });
  const text = JSON.stringify(document);

  it('documents every declared route with its security: the people API every route but the machine API’s own, the machine API those and the routes offered to machines, with their scopes', () => {
    const machineDocument = openApiDocument(functions, { title: 'machine', version: '0', api: 'machine' });
    for (const f of functions as readonly FunctionDeclaration[]) {
      if (f.trigger.type !== 'http') continue;
      const t = f.trigger;
      const operationIn = (doc: { paths: unknown }) => (doc.paths as Record<string, Record<string, { security: Record<string, string[]>[] }>>)[t.path]?.[t.method.toLowerCase()];
      const people = operationIn(document);
      const machine = operationIn(machineDocument);
      if (t.api === 'machine') expect(people, `${t.method} ${t.path} is the machine API's`).toBeUndefined();
      else {
        expect(people, `${t.method} ${t.path}`).toBeDefined();
        expect(people!.security.length).toBe('public' in t.access ? 0 : 1);
      }
      if (t.api === 'machine') expect(machine!.security).toEqual([]);
      else if (t.machine) expect(machine!.security).toEqual([{ machineOAuth: [...t.machine.scopes] }]);
      else expect(machine, `${t.method} ${t.path} is not offered to machines`).toBeUndefined();
    }
  });

  it('keeps named schemas as components, and every reference resolves', () => {
    expect(text).not.toContain('$defs');
    const refs = [...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(document.components.schemas, ref).toHaveProperty(ref);
  });

  it('shows the record schema for POST /records, though records are validated one by one', () => {
    const body = JSON.stringify((document.paths as any)['/records'].post.requestBody);
    expect(body).toContain('decisionNumber');
    expect(body).toContain('penaltyCategories');
  });
});
