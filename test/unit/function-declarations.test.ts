import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { handlerEntry, type FunctionDeclaration } from '../../shared/lambda/declaration.ts';
import { parseCron, toFiveFieldCron } from '../../shared/lambda/schedule-expression.ts';
import { workflows } from '../../shared/cases/workflows.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('function declarations', () => {
  it('have unique kebab-case names, each with a handler file and a sample event', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(existsSync(`${root}${handlerEntry(name)}`), handlerEntry(name)).toBe(true);
      expect(existsSync(`${root}events/${name}.json`), `events/${name}.json`).toBe(true);
    }
  });

  it("routes offered to machines read the machine clients register: their functions hold the credit table, their handlers are machineHttpHandler", () => {
    for (const f of functions as readonly FunctionDeclaration[]) {
      if (f.trigger.type !== 'http' || !f.trigger.machine) continue;
      expect(f.resources.creditTable, f.name).toBeDefined();
      expect(readFileSync(join(root, 'functions', f.name, 'handler.ts'), 'utf8'), f.name).toContain('machineHttpHandler(');
    }
  });

  it('declare each HTTP route once, public ones only under /public/ (on the machine API: only its own OAuth endpoints, all public)', () => {
    const http = (functions as readonly FunctionDeclaration[]).flatMap((f) => (f.trigger.type === 'http' ? [f.trigger] : []));
    const routeKeys = http.map((t) => `${t.method} ${t.path}`);
    expect(new Set(routeKeys).size).toBe(routeKeys.length);
    for (const t of http) {
      if (t.api === 'machine') {
        expect('public' in t.access).toBe(true);
        expect(t.path).toMatch(/^\/(oauth2|\.well-known)\//);
        continue;
      }
      expect(t.path.startsWith('/public/')).toBe('public' in t.access);
      // A route offered to machines is a department's route.
      if (t.machine) expect('roles' in t.access && t.access.roles.includes('department')).toBe(true);
      if ('roles' in t.access) expect(t.access.roles.length).toBeGreaterThan(0);
      // Every path parameter has a schema that validates it.
      const params = [...t.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]);
      if (params.length) expect(t.request && 'params' in t.request).toBe(true);
    }
  });

  it('bind every task function to a state of a declared workflow, each state at most once', () => {
    const tasks = functions.flatMap((f) => (f.trigger.type === 'task' ? [f.trigger] : []));
    const seen = new Set<string>();
    for (const t of tasks) {
      const workflow = workflows.find((w) => w.id === t.workflow);
      expect(workflow, t.workflow).toBeDefined();
      expect(Object.values(workflow!.states)).toContain(t.state);
      expect(seen.has(`${t.workflow}/${t.state}`)).toBe(false);
      seen.add(`${t.workflow}/${t.state}`);
    }
  });

  it('write schedules as EventBridge cron expressions the local scheduler can run too', () => {
    const schedules = functions.flatMap((f) => (f.trigger.type === 'schedule' ? [f.trigger] : []));
    expect(schedules.length).toBeGreaterThan(0);
    for (const s of schedules) expect(() => toFiveFieldCron(s.cron)).not.toThrow();
    expect(toFiveFieldCron('cron(0 9 1 * ? *)')).toBe('0 9 1 * *');
  });

  it('give S3 notifications a prefix', () => {
    for (const f of functions) if (f.trigger.type === 's3') expect(f.trigger.prefix).toMatch(/^([a-z0-9-]+\/)+$/);
  });
});

describe('cron expressions', () => {
  it('refuse what AWS and the local scheduler would read differently', () => {
    expect(() => parseCron('cron(0 9 * * 2 *)')).toThrow(/exactly one of day-of-month and day-of-week must be "\?"/);
    expect(() => parseCron('cron(0 9 ? * 2 *)')).toThrow(/write day-of-week with names/);
    expect(() => parseCron('cron(0 9 ? * MON-FRI 2027)')).toThrow(/year field must be "\*"/);
    expect(() => parseCron('rate(1 day)')).toThrow(/is not cron/);
    expect(toFiveFieldCron('cron(30 1 ? * MON-FRI *)')).toBe('30 1 * * MON-FRI');
  });
});
