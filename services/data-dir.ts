// The terminal's data directory is private to the user the terminal runs as: its SQLite store holds
// sales and members, hq.json the device secret. The directory is 0700 and its files 0600; a start that
// finds it open to other users says so and closes it, or refuses when it cannot (another user owns it).
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Creates `dir` 0700 if it is missing; otherwise takes group and world access off it and off the files
 * in it. Returns what it said (also passed to `warn`) when the directory had been open to others.
 */
export function securePrivateDir(dir: string, warn: (message: string) => void = console.warn): string | null {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const before = stat.mode & 0o777;
  // A shared directory such as /tmp (sticky bit) belongs to everyone: it is refused, not closed.
  if ((stat.mode & 0o1000) !== 0)
    throw new Error(
      `${dir} is a shared directory (sticky bit set); give the terminal a data directory of its own`,
    );
  privateMode(dir, 0o700);
  // Only the terminal's own files: --data pointed at a directory holding other things leaves them be.
  const opened = TERMINAL_FILES.filter((name) => {
    const path = join(dir, name);
    return existsSync(path) && lstatSync(path).isFile() && privateMode(path, 0o600);
  });
  // Files made open inside a closed directory were never readable by others: nothing to report then.
  if ((before & 0o077) === 0) return null;
  const message =
    `the data directory ${dir} was open to other users (mode ${octal(before)}); it is now 0700` +
    (opened.length > 0 ? `, and ${opened.join(', ')} 0600` : '');
  warn(message);
  return message;
}

/** The files a terminal keeps in its data directory. */
const TERMINAL_FILES = [
  'openlane.db',
  'openlane.db-wal',
  'openlane.db-shm',
  'openlane.db-journal',
  'settings.json',
  'hq.json',
  'payment-simulator.json',
];

/** Creates `path` empty with mode 0600 if it does not exist, so what opens it later inherits the mode. */
export function createPrivateFile(path: string): void {
  if (existsSync(path)) return;
  closeSync(openSync(path, 'a', 0o600));
}

/** Takes group and world bits off `path`; true when there were any. Refuses, naming the path, if it cannot. */
function privateMode(path: string, mode: number): boolean {
  const current = lstatSync(path).mode & 0o777;
  if ((current & 0o077) === 0) return false;
  try {
    chmodSync(path, current & mode);
  } catch (error) {
    throw new Error(
      `${path} is open to other users (mode ${octal(current)}) and cannot be made private ` +
        `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ` +
        `run "chmod ${octal(mode)} ${path}" as its owner, or choose another data directory`,
    );
  }
  return true;
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
