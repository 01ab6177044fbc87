import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The machine's prerequisites outside npm, found in well under a second each (never waited on):
 * Java 17+ for DynamoDB Local; Chromium and the CJK fonts for the browser walks. Where one is missing,
 * `ensurePrerequisites` installs it with `local/install-prerequisites.sh` when it may (root with
 * apt-get), and otherwise stops naming what is missing and the exact command.
 */
export type Prerequisite = 'java' | 'chromium' | 'cjkFonts';

export const installScript = fileURLToPath(new URL('./install-prerequisites.sh', import.meta.url));

const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  return result.error ? undefined : `${result.stdout ?? ''}${result.stderr ?? ''}`;
};

const checks: Record<Prerequisite, { package: string; problem: () => string | undefined }> = {
  java: {
    package: 'openjdk-17-jre-headless',
    problem() {
      const out = run('java', ['-version']);
      if (out === undefined) return 'no java on the PATH (DynamoDB Local runs on Java 17)';
      const major = Number(/version "(\d+)/.exec(out)?.[1] ?? 0);
      return major >= 17 ? undefined : `java ${major || '(unknown version)'} found; DynamoDB Local needs Java 17 or later`;
    },
  },
  chromium: {
    package: 'chromium',
    problem: () => (existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') ? undefined : 'no Chromium at /usr/bin/chromium (the browser walks drive it; or set CHROMIUM_PATH)'),
  },
  cjkFonts: {
    package: 'fonts-noto-cjk',
    problem: () => (run('dpkg', ['-s', 'fonts-noto-cjk'])?.includes('Status: install ok installed') ? undefined : 'fonts-noto-cjk is not installed (Chinese pages render as boxes in the walks\' screenshots)'),
  },
};

export function missingPrerequisites(needs: Prerequisite[]): { name: Prerequisite; problem: string; package: string }[] {
  return needs.flatMap((name) => {
    const problem = checks[name].problem();
    return problem ? [{ name, problem, package: checks[name].package }] : [];
  });
}

/** Installs what is missing where it may; otherwise an Error naming each missing piece and the command. */
export function ensurePrerequisites(needs: Prerequisite[], log: (line: string) => void = (line) => console.error(line)): void {
  let missing = missingPrerequisites(needs);
  if (!missing.length) return;
  const mayInstall = process.getuid?.() === 0 && run('apt-get', ['--version']) !== undefined && process.env.NO_INSTALL_PREREQUISITES !== '1';
  if (mayInstall) {
    log(`Missing: ${missing.map((m) => m.package).join(', ')}; installing with ${installScript} (set NO_INSTALL_PREREQUISITES=1 to refuse)`);
    spawnSync('bash', [installScript], { stdio: 'inherit' });
    missing = missingPrerequisites(needs);
    if (!missing.length) return;
  }
  const packages = missing.map((m) => m.package).join(' ');
  throw new Error(
    `missing prerequisites:\n${missing.map((m) => `  - ${m.problem}`).join('\n')}\nInstall them (as root): apt-get install -y ${packages}\n  or: sudo ${installScript}`,
  );
}
