// HQ's PGlite directory holds every store's sales and the key that signs device tokens, so it is
// private to the user HQ runs as: directories 0700, files 0600. PGlite (Emscripten's file system) makes
// its files 0666 whatever the umask, so the tree is closed after it opens and again when it closes;
// a start that finds the directory open to other users says so, and refuses if it cannot close it.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Creates `dir` 0700 if missing, then closes the whole tree to group and world. When `dir` itself had
 * been open (so its files were readable by others), says so through `warn` and returns the message.
 */
export function closeDataTree(dir: string, warn: (message: string) => void = console.warn): string | null {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const before = stat.mode & 0o777;
  // A shared directory such as /tmp (sticky bit) is not a data directory to close: it belongs to all.
  if ((stat.mode & 0o1000) !== 0)
    throw new Error(`${dir} is a shared directory (sticky bit set); give HQ a data directory of its own`);
  // Only what HQ owns is closed: the directory itself, its lock, and PGlite's tree. Never whatever else
  // --data may have been pointed at.
  let opened = closeTree(dir, false);
  for (const name of OWNED) if (existsSync(join(dir, name))) opened += closeTree(join(dir, name), true);
  if ((before & 0o077) === 0) return null;
  const message =
    `the HQ data directory ${dir} was open to other users (mode 0${before.toString(8)}); ` +
    `it and the ${opened} entries in it that were are now private (directories 0700, files 0600)`;
  warn(message);
  return message;
}

/** What HQ keeps in its data directory: PGlite's tree and the lock naming the process that has it. */
const OWNED = ['pgdata', 'openlane-hq.pid'];

/** Takes group and world bits off `path` (and, if `deep`, all under it); returns how many had any. */
function closeTree(path: string, deep: boolean): number {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return 0;
  let opened = 0;
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    try {
      chmodSync(path, mode & 0o700);
    } catch (error) {
      throw new Error(
        `${path} is open to other users (mode 0${mode.toString(8)}) and cannot be made private ` +
          `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ` +
          `run "chmod -R go-rwx" on the HQ data directory as its owner`,
      );
    }
    opened++;
  }
  if (deep && stat.isDirectory())
    for (const name of readdirSync(path)) opened += closeTree(join(path, name), true);
  return opened;
}
