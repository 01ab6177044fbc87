import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fromProjectRoot } from '../../infra/stack/project-root.ts';

/**
 * package.json says the project's modules have no side effects (`"sideEffects"`, but for the web's pages
 * and style sheets), so esbuild drops a module a function imports but never uses: a port's use cases a
 * handler does not call, with the SDK clients they alone reach (overdue-scan: S3 and Step Functions out).
 * That is sound while no module of the bundled code does anything at import but declare: no statement at a
 * module's top level other than imports, exports and declarations. A top-level call, assignment or loop
 * would be dropped from a bundle that imports the module for it (and only locally, under tsx, would it run).
 */
const folders = ['shared', 'functions'];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });

const declarationKinds = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.ExportAssignment,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.VariableStatement,
]);

/** Top-level statements of a module that are not declarations, as `file:line kind`. */
export function sideEffectsOf(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return source.statements
    .filter((statement) => !declarationKinds.has(statement.kind))
    .map((statement) => `${file}:${source.getLineAndCharacterOfPosition(statement.getStart()).line + 1} ${ts.SyntaxKind[statement.kind]}`);
}

describe('bundled modules only declare at their top level', () => {
  it('package.json marks the project side-effect free but for the web', () => {
    const pkg = JSON.parse(readFileSync(fromProjectRoot('package.json'), 'utf8')) as { sideEffects?: unknown };
    expect(pkg.sideEffects).toEqual(['./web/**', '*.css']);
  });

  it('the check sees a top-level call, assignment or loop', () => {
    expect(sideEffectsOf('x.ts', "import { a } from './a.ts';\nexport const b = a();\nregister(b);\nglobalThis.x = 1;\nfor (;;) break;")).toEqual([
      'x.ts:3 ExpressionStatement',
      'x.ts:4 ExpressionStatement',
      'x.ts:5 ForStatement',
    ]);
  });

  for (const folder of folders) {
    it(`${folder}/: no module does anything at import but declare`, () => {
      const root = fromProjectRoot('.');
      const found = filesUnder(fromProjectRoot(folder)).flatMap((file) => sideEffectsOf(relative(root, file), readFileSync(file, 'utf8')));
      expect(found).toEqual([]);
    });
  }
});
