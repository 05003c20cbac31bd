// What the attendant tests of a running terminal need: an attendant added as store IT adds one (the PIN
// on stdin), the session as the screen would load it, and what the journal recorded last.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { SessionView } from '../../services/api/contract';
import { runOpenlane } from './cli';

/** `openlane staff add` with the PIN on stdin, never on the command line; throws with its stderr if refused. */
export async function addAttendant(
  dataDir: string,
  attendant: { id: string; name: string; badge: string; pin: string },
): Promise<void> {
  const { id, name, badge, pin } = attendant;
  const args = [
    'staff',
    'add',
    '--id',
    id,
    '--name',
    name,
    '--badge',
    badge,
    '--pin-stdin',
    '--data',
    dataDir,
  ];
  const run = await runOpenlane(args, `${pin}\n`);
  if (run.status !== 0) throw new Error(`openlane staff add failed: ${run.stderr}`);
}

/** The running terminal's session, as `session.get` answers the screen. */
export async function sessionAt(url: string): Promise<SessionView> {
  const response = await fetch(new URL('/api/session.get', url), { method: 'POST', body: '{}' });
  return ((await response.json()) as { value: SessionView }).value;
}

/** The data of the last journal entry of `kind`, read from the terminal's SQLite file (read-only). */
export function lastJournalData(dataDir: string, kind: string): Record<string, unknown> | null {
  const db = new Database(join(dataDir, 'openlane.db'), { readonly: true });
  try {
    const text = db
      .prepare('SELECT entry FROM journal WHERE kind = ? ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get(kind) as string | undefined;
    return text ? (JSON.parse(text) as { data: Record<string, unknown> }).data : null;
  } finally {
    db.close();
  }
}
