// Counter staff for tests (one of each role), with PINs hashed at a cheap scrypt cost so tests stay fast.
// Badges the default staff pattern recognises (`STAFF-` and four letters or digits).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attendant } from '../../services/settings';
import { hashPin } from '../../services/staff/pin';

const FAST = { N: 1024, r: 8, p: 1 };

export const STAFF_PINS = {
  cashier: '1357',
  supervisor: '8642',
  manager: '9753',
  attendant: '2468',
} as const;

const member = (id: string, name: string, role: Attendant['role']): Attendant => ({
  id,
  name,
  badge: `STAFF-${id}X`,
  pinHash: hashPin(STAFF_PINS[role], FAST),
  role,
});

export const CASHIER = member('C01', 'Wang Fang', 'cashier');
export const SUPERVISOR = member('S01', 'Zhao Lei', 'supervisor');
export const MANAGER = member('M01', 'Chen Jing', 'manager');
export const PLAIN_ATTENDANT = member('A01', 'Li Na', 'attendant');

/** Every role once: what a counter's settings.json `attendants` holds in these tests. */
export const COUNTER_STAFF: Attendant[] = [CASHIER, SUPERVISOR, MANAGER, PLAIN_ATTENDANT];

/**
 * Adds COUNTER_STAFF (one of each role) to DATA_DIR/settings.json, keeping what is there, and merges
 * `counter` (e.g. a short idleLockSeconds) into its counter settings.
 */
export function seedCounterStaff(dataDir: string, counter: Record<string, unknown> = {}): void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'settings.json');
  const settings = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
    : {};
  const before = (settings.counter ?? {}) as Record<string, unknown>;
  writeFileSync(
    path,
    JSON.stringify({ ...settings, attendants: COUNTER_STAFF, counter: { ...before, ...counter } }, null, 2),
  );
}
