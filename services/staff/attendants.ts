// Adding an attendant to a terminal's settings.json (`openlane staff add`): the PIN is hashed here and
// only the hash is written; the rest of the file is kept exactly as store IT wrote it.
import { join } from 'node:path';
import { writeFileSync, renameSync } from 'node:fs';
import { checkSettings, loadSettings, readSettingsJson, SettingsError, type Attendant } from '../settings';
import type { StaffRole } from '../../core/staff/roles';
import { hashPin, isValidPin, type ScryptCost } from './pin';

export interface NewAttendant {
  id: string;
  name: string;
  /** The whole code the badge scans as, e.g. `STAFF-A01X`. */
  badge: string;
  pin: string;
  /** What they may do (core/staff/roles.ts); `attendant` when not given, as before roles existed. */
  role?: StaffRole;
}

/**
 * Adds an attendant to DATA_DIR/settings.json (created with the defaults if missing). Refuses a
 * duplicate id or badge, a badge the staff patterns do not recognise, and a PIN that is not 4–8 digits.
 */
export function addAttendant(dataDir: string, input: NewAttendant, cost?: ScryptCost): Attendant {
  if (!isValidPin(input.pin)) throw new SettingsError('The PIN must be 4 to 8 digits');
  const settings = loadSettings(dataDir, {});
  if (settings.attendants.some((a) => a.id === input.id))
    throw new SettingsError(`An attendant with id ${input.id} already exists`);
  if (settings.attendants.some((a) => a.badge === input.badge))
    throw new SettingsError(`Badge ${input.badge} already belongs to another attendant`);
  const path = join(dataDir, 'settings.json');
  const raw = readSettingsJson(path);
  const attendant: Attendant = {
    id: input.id,
    name: input.name.trim(),
    badge: input.badge,
    pinHash: hashPin(input.pin, cost),
    role: input.role ?? 'attendant',
  };
  const next = { ...raw, attendants: [...settings.attendants, attendant] };
  // Checked whole before it is written: a bad id or badge leaves the file as it was.
  checkSettings(next, path);
  // Written beside and renamed over, so a crash never leaves half a settings file.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, path);
  return attendant;
}
