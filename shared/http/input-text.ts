import * as z from 'zod';

/**
 * Characters no name or code may hold: they are invisible, and the bidi ones reorder what a reader
 * sees (Trojan Source, CVE-2021-42574: "财政局\u202e" shows another name than the one stored; a file
 * name "发票\u202efdp.exe" reads as a PDF). Bidi embeddings and overrides U+202A–U+202E, isolates
 * U+2066–U+2069, marks U+200E, U+200F and U+061C; zero-width U+200B–U+200D, U+2060 (and the invisible
 * operators after it, U+2061–U+2064), U+180E, U+FEFF. Free text (facts, reasons) is not held to this.
 */
const invisible = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The rule a name or code breaks by its characters, or undefined. Names the character, never echoes the value. */
export function invisibleCharacterProblem(value: string): string | undefined {
  const match = invisible.exec(value);
  if (!match) return undefined;
  return `must not contain invisible or text-direction control characters (${codePoint(match[0])} at position ${match.index + 1})`;
}

/** A string schema (already trimmed and sized) refused when it holds such characters: every name and code field. */
export const plainText = <S extends z.ZodString>(schema: S): S =>
  schema.superRefine((value, ctx) => {
    const problem = invisibleCharacterProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: value });
  }) as S;

/** A name or label: trimmed, 1 to `max` characters, no invisible or bidi control characters. */
export const nameText = (max: number) => plainText(z.string().trim().min(1).max(max));

/** Keys a JSON body may not have anywhere: prototype pollution (a merge that assigns `__proto__`) starts with them. */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The path to a forbidden key in a parsed JSON value (`['matter', '__proto__']`), or undefined. Walked
 * with its own stack, not by recursion: a body of 5 MB of `[` nests deeper than the call stack goes.
 */
export function forbiddenKeyPath(root: unknown): (string | number)[] | undefined {
  interface Step { value: unknown; key?: string | number; parent?: Step }
  const pathOf = (step: Step, last: string): (string | number)[] => {
    const path: (string | number)[] = [last];
    for (let s: Step | undefined = step; s?.key !== undefined; s = s.parent) path.unshift(s.key);
    return path;
  };
  const stack: Step[] = [{ value: root }];
  while (stack.length) {
    const step = stack.pop()!;
    const { value } = step;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push({ value: value[i], key: i, parent: step });
      continue;
    }
    const keys = Object.keys(value);
    const bad = keys.find((k) => forbiddenKeys.has(k));
    if (bad !== undefined) return pathOf(step, bad);
    for (let i = keys.length - 1; i >= 0; i -= 1) stack.push({ value: (value as Record<string, unknown>)[keys[i]!], key: keys[i]!, parent: step });
  }
  return undefined;
}
