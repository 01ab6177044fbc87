import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root, so handler entries and the lock file resolve whatever the working directory is. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export const fromProjectRoot = (relativePath: string): string => join(projectRoot, relativePath);
