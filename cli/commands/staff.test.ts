import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSettings } from '../../services/settings';
import { verifyPin } from '../../services/staff/pin';
import { staffCommand } from './staff';

describe('openlane staff add', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'openlane-staff-cli-'));
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (pin: string, ...extra: string[]) =>
    staffCommand(
      ['add', '--id', 'A01', '--name', 'Li Na', '--badge', 'STAFF-A01X', '--data', dir, ...extra],
      Readable.from([pin]),
    );

  it('reads the PIN from stdin and stores only its hash', async () => {
    expect(await run('2468\n', '--pin-stdin')).toBe(0);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('2468');
    const [attendant] = loadSettings(dir, {}).attendants;
    expect(attendant).toMatchObject({ id: 'A01', name: 'Li Na', badge: 'STAFF-A01X' });
    expect(verifyPin('2468', attendant!.pinHash)).toBe(true);
  }, 20_000);

  it('refuses a PIN that is not 4–8 digits, and a second A01', async () => {
    await expect(run('12\n')).rejects.toThrow(/4 to 8 digits/);
    expect(await run('2468')).toBe(0);
    await expect(run('1357\n')).rejects.toThrow(/already exists/);
  }, 20_000);

  it('names what is missing', async () => {
    await expect(staffCommand(['add', '--id', 'A01'], Readable.from(['2468']))).rejects.toThrow(/Usage/);
    await expect(staffCommand(['remove'], Readable.from(['']))).rejects.toThrow(/Usage/);
  });
});
