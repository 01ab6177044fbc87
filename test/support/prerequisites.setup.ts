/**
 * Vitest global setup: the suite's machine prerequisites (Java 17 for DynamoDB Local, Chromium and the
 * CJK fonts for the browser walks), found in seconds before any emulator is started. Installed where
 * the project may (root with apt-get); otherwise the run stops at once naming what is missing and the command.
 */
import { ensurePrerequisites } from '../../local/prerequisites.ts';

export default function setup(): void {
  ensurePrerequisites(['java', 'chromium', 'cjkFonts'], (line) => process.stderr.write(`${line}\n`));
}
