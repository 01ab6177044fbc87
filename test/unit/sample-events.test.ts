import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { s3ObjectCreatedEvent, scheduledEvent } from '../../shared/lambda/event-schemas.ts';
import { scheduledEventInput } from '../../shared/lambda/schedule-expression.ts';
import type { FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { projectRoot } from '../support/import-graph.ts';

/**
 * Each sample event in events/ is the event its function's declared trigger sends: an HTTP event names
 * the declared route key, method and a path of the route's template; an S3 event an object under the
 * declared prefix; a scheduled event what the schedule sends its function. A route changed in a declaration and not in its
 * sample (or the other way round) fails here.
 */
const sample = (name: string): any => JSON.parse(readFileSync(join(projectRoot, 'events', `${name}.json`), 'utf8'));
const templatePattern = (path: string): RegExp => new RegExp(`^${path.replace(/\{(\w+)\+\}/g, '.+').replace(/\{(\w+)\}/g, '[^/]+')}$`);

describe('sample events follow the declarations', () => {
  it.each((functions as readonly FunctionDeclaration[]).map((f) => [f.name, f] as const))('%s', (name, declaration) => {
    const event = sample(name);
    const { trigger } = declaration;
    switch (trigger.type) {
      case 'http': {
        expect(event.routeKey).toBe(`${trigger.method} ${trigger.path}`);
        expect(event.requestContext.http.method).toBe(trigger.method);
        expect(event.rawPath).toMatch(templatePattern(trigger.path));
        expect(event.requestContext.http.path).toBe(event.rawPath);
        const params = [...trigger.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]!);
        expect(Object.keys(event.pathParameters ?? {}).sort()).toEqual(params.sort());
        break;
      }
      case 's3': {
        const parsed = s3ObjectCreatedEvent.parse(event);
        for (const record of parsed.Records) {
          expect(record.s3.object.key.startsWith(trigger.prefix)).toBe(true);
          if (trigger.suffix) expect(record.s3.object.key.endsWith(trigger.suffix)).toBe(true);
        }
        break;
      }
      case 'schedule': {
        // The event the schedule sends (infra and the local scheduler build it with scheduledEventInput).
        const { time, ...rest } = scheduledEventInput(name, event.time);
        expect(scheduledEvent.parse(event).time).toBe(time);
        expect(event).toMatchObject(rest);
        break;
      }
      case 'task':
        // A task's input is what its state passes; the replay test (function-declarations) runs it through the handler's schema.
        expect(typeof event).toBe('object');
        break;
    }
  });
});
