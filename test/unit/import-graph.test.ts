import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilities, capabilityOf, functions } from '../../functions/catalog.ts';
import { importsOf, modulesUnder, projectRoot, reachableFrom } from '../support/import-graph.ts';

/**
 * The arrows of the house (docs/capabilities.md): handlers → their own capability → the kernel; a
 * capability reaches another only through its port, in the directions the page lists; the kernel imports
 * no capability; nothing in shared/ imports functions/, infra/ or local/. Each failure prints the chain of
 * imports that breaks the rule.
 */
const kernel = ['errors', 'http', 'lambda', 'storage', 'config', 'identity', 'calendar', 'subjects', 'privacy', 'time', 'files', 'pdf'];
const folderOf = (file: string): string | undefined => (file.startsWith('shared/') ? file.split('/')[1] : undefined);
const isKernel = (file: string): boolean => kernel.includes(folderOf(file) ?? '');
const isCapability = (file: string): boolean => folderOf(file) !== undefined && !isKernel(file);
const portOf = (folder: string): string => `shared/${folder}/port.ts`;
/** A capability's faces to others: its port (use cases, stores, rules) and its API schemas (shapes others' schemas reuse). */
const facesOf = (folder: string): string[] => [portOf(folder), `shared/${folder}/api.ts`];

/** The ports table of docs/capabilities.md: folder → folders whose ports it may use. */
function allowedPorts(): Map<string, Set<string>> {
  const page = readFileSync(join(projectRoot, 'docs/capabilities.md'), 'utf8');
  const table = page.slice(page.indexOf('| folder | may use the ports of |'));
  const rows = table.split('\n').slice(2).filter((line) => line.startsWith('| '));
  return new Map(
    rows.map((row) => {
      const [folder, uses] = row.split('|').slice(1, 3).map((cell) => cell.trim());
      return [folder!, new Set(uses === '—' ? [] : uses!.split(',').map((u) => u.trim()))];
    }),
  );
}

const capabilityFolders = [...new Set(capabilities.map((c) => c.folder.replace('shared/', '')))];
const sharedModules = modulesUnder('shared');
const chainText = (chain: readonly string[]): string => chain.join('\n    → ');

describe('the import graph', () => {
  const ports = allowedPorts();

  it('the ports table names every capability folder, only existing ones, and has no cycle', () => {
    expect([...ports.keys()].sort()).toEqual([...capabilityFolders].sort());
    for (const uses of ports.values()) for (const used of uses) expect(capabilityFolders).toContain(used);
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycle = (folder: string, path: string[]): string[] | undefined => {
      if (done.has(folder)) return undefined;
      if (visiting.has(folder)) return [...path, folder];
      visiting.add(folder);
      for (const next of ports.get(folder) ?? []) {
        const found = cycle(next, [...path, folder]);
        if (found) return found;
      }
      visiting.delete(folder);
      done.add(folder);
      return undefined;
    };
    for (const folder of ports.keys()) expect(cycle(folder, []), 'a cycle of ports').toBeUndefined();
  });

  it('the kernel imports no capability, not even a type', () => {
    const arrows = sharedModules
      .filter(isKernel)
      .flatMap((file) => importsOf(file).filter((i) => i.relative && isCapability(i.target)).map((i) => `${file} → ${i.target}`));
    expect(arrows).toEqual([]);
  });

  it('nothing in shared/ imports functions/, infra/ or local/', () => {
    const arrows = sharedModules.flatMap((file) =>
      importsOf(file)
        .filter((i) => i.relative && /^(functions|infra|local)\//.test(i.target))
        .map((i) => `${file} → ${i.target}`),
    );
    expect(arrows).toEqual([]);
  });

  it('a capability reaches another only through its port, in a direction the page allows', () => {
    const arrows: string[] = [];
    for (const file of sharedModules.filter(isCapability)) {
      const from = folderOf(file)!;
      for (const { target, relative } of importsOf(file)) {
        const to = folderOf(target);
        if (!relative || !isCapability(target) || to === from) continue;
        if (!facesOf(to!).includes(target)) arrows.push(`${file} → ${target} (not ${facesOf(to!).join(' or ')})`);
        else if (!ports.get(from)?.has(to!)) arrows.push(`${file} → ${target} (${from} may not use ${to}: docs/capabilities.md)`);
      }
    }
    expect(arrows).toEqual([]);
  });

  it.each(functions.map((f) => f.name))('handler %s imports its own capability and the kernel, nothing else', (name) => {
    const entry = `functions/${name}/handler.ts`;
    const own = capabilityOf(name).folder.replace('shared/', '');
    const direct = importsOf(entry).filter((i) => i.relative);
    expect(direct.length, 'a handler adapts one use case').toBeGreaterThan(0);
    const foreign = direct.filter((i) => !(folderOf(i.target) === own || isKernel(i.target)));
    expect(foreign.map((i) => `${entry} → ${i.target}`)).toEqual([]);
    // What the handler's bundle carries: its capability, the kernel, and other capabilities only behind the ports its own may use.
    const problems: string[] = [];
    for (const [file, chain] of reachableFrom(entry)) {
      if (file === entry) continue;
      if (!file.startsWith('shared/')) problems.push(`reaches ${file} outside shared/:\n    ${chainText(chain)}`);
      const folder = folderOf(file);
      if (!folder || folder === own || isKernel(file)) continue;
      const entered = chain.findIndex((f) => folderOf(f) === folder);
      const via = chain[entered - 1]!;
      const viaFolder = folderOf(via)!;
      const throughPort = facesOf(folder).includes(chain[entered]!) && (viaFolder === own || ports.get(viaFolder)?.has(folder));
      if (!throughPort) problems.push(`reaches ${file} of ${folder} other than through an allowed port:\n    ${chainText(chain)}`);
    }
    expect(problems).toEqual([]);
  });

  it('no use case or store chooses an HTTP status: errors are named in the domain and mapped once, at the edge', () => {
    const problems: string[] = [];
    for (const file of sharedModules) {
      if (file.startsWith('shared/http/') || file.endsWith('/functions.ts')) continue;
      const text = readFileSync(join(projectRoot, file), 'utf8');
      for (const [index, line] of text.split('\n').entries()) {
        if (/\bstatus: *[1-5]\d\d\b|statusCode/.test(line)) problems.push(`${file}:${index + 1}: ${line.trim()}`);
      }
      if (importsOf(file).some((i) => i.target === 'shared/http/error-status.ts')) problems.push(`${file} imports the status map`);
    }
    expect(problems).toEqual([]);
  });

  it.each(functions.map((f) => f.name))('handler %s is a thin adapter (at most 15 lines)', (name) => {
    const lines = readFileSync(join(projectRoot, `functions/${name}/handler.ts`), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(15);
  });

  it.each(capabilityFolders)("%s's declarations carry no server code: no AWS SDK, no node: module, no store", (folder) => {
    const problems: string[] = [];
    for (const [file, chain] of reachableFrom(`shared/${folder}/functions.ts`)) {
      for (const { target, relative, typeOnly } of importsOf(file)) {
        if (relative || typeOnly) continue;
        if (target !== 'zod') problems.push(`${target}:\n    ${chainText(chain)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
