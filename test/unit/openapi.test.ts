import { describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';

describe('the OpenAPI document', () => {
  const document = openApiDocument(functions, { title: 'test', version: '1' });
  const text = JSON.stringify(document);

  it('documents every declared route with its security', () => {
    for (const f of functions) {
      if (f.trigger.type !== 'http') continue;
      const operation = (document.paths as Record<string, Record<string, { security: unknown[] }>>)[f.trigger.path]?.[f.trigger.method.toLowerCase()];
      expect(operation, `${f.trigger.method} ${f.trigger.path}`).toBeDefined();
      expect(operation!.security.length).toBe('public' in f.trigger.access ? 0 : 1);
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
