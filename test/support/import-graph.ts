import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The project's import graph, read with the TypeScript compiler's parser: for each module, the modules it
 * imports for their values. Type-only imports (`import type`, `export type`, specifiers all marked `type`)
 * are left out: they vanish at compile time and carry no store or use case into a bundle.
 */
export interface ImportEdge {
  from: string;
  to: string;
}

export const projectRoot = resolve(import.meta.dirname, '../..');

export function valueImportsOf(file: string): string[] {
  return importsOf(file).filter((i) => !i.typeOnly && i.relative).map((i) => i.target);
}

/** Every import of a module: relative ones resolved to project paths, packages by name; type-only ones marked. */
export function importsOf(file: string): { target: string; typeOnly: boolean; relative: boolean }[] {
  const absolute = join(projectRoot, file);
  const source = ts.createSourceFile(absolute, readFileSync(absolute, 'utf8'), ts.ScriptTarget.ES2022, false);
  const targets: { target: string; typeOnly: boolean; relative: boolean }[] = [];
  const add = (specifier: string, typeOnly = false) => {
    if (!specifier.startsWith('.')) return void targets.push({ target: specifier, typeOnly, relative: false });
    targets.push({ target: relative(projectRoot, resolve(dirname(absolute), specifier)), typeOnly, relative: true });
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      add(statement.moduleSpecifier.text, Boolean(clause?.isTypeOnly || onlyTypes));
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.exportClause;
      const onlyTypes = clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
      add(statement.moduleSpecifier.text, Boolean(statement.isTypeOnly || onlyTypes));
    }
  }
  // Dynamic import('...') of a relative module is a value import too.
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) add(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return targets;
}

/** Every TypeScript module under a folder of the project (relative paths). */
export function modulesUnder(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(projectRoot, dir))) {
      const path = join(dir, entry);
      if (statSync(join(projectRoot, path)).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) out.push(path);
    }
  };
  if (existsSync(join(projectRoot, folder))) walk(folder);
  return out.sort();
}

/** The modules a module reaches through value imports, each with the chain of imports that first reached it. */
export function reachableFrom(entry: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const target of valueImportsOf(file)) {
      if (chains.has(target) || !target.endsWith('.ts')) continue;
      chains.set(target, [...chains.get(file)!, target]);
      queue.push(target);
    }
  }
  return chains;
}
