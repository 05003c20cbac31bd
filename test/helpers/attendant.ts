// An attendant of settings.json for tests: a staff badge the default patterns know, and a PIN hashed
// with a cheap scrypt cost so tests stay fast (the real cost is services/staff/pin.ts's default).
import type { Attendant } from '../../services/settings';
import { hashPin } from '../../services/staff/pin';

export const ATTENDANT_PIN = '2468';

export const ATTENDANT: Attendant = {
  id: 'A01',
  name: 'Li Na',
  badge: 'STAFF-A01X',
  pinHash: hashPin(ATTENDANT_PIN, { N: 1024, r: 8, p: 1 }),
  role: 'attendant',
};
