// The `printer` key of settings.json as store IT writes it: absent or null means no printer, a path
// alone takes the defaults, and a wrong value is refused by name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, SettingsError } from '../settings';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function settingsWith(extra: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'openlane-printer-settings-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...extra }));
  return dir;
}

describe('printer settings', () => {
  it('default to no printer', () => {
    expect(DEFAULT_SETTINGS.printer).toBeNull();
    const { printer: _, ...older } = DEFAULT_SETTINGS;
    expect(loadSettings(settingsWith({ ...older })).printer).toBeNull();
  });

  it('fill in 9600 baud, 42 columns and GB18030 for a printer given by its path alone', () => {
    expect(loadSettings(settingsWith({ printer: { path: '/dev/ttyUSB0' } })).printer).toEqual({
      path: '/dev/ttyUSB0',
      baudRate: 9600,
      columns: 42,
      encoding: 'gb18030',
    });
  });

  it('refuses paper widths and encodings the layout does not know, naming the key', () => {
    const dir = settingsWith({ printer: { path: '/dev/ttyUSB0', columns: 40, encoding: 'utf8' } });
    expect(() => loadSettings(dir)).toThrow(SettingsError);
    expect(() => loadSettings(dir)).toThrow(/printer\.columns.*printer\.encoding/s);
  });
});
