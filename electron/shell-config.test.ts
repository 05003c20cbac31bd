import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readShellConfig } from './shell-config';

describe('readShellConfig', () => {
  it("defaults to Electron's user-data folder and no scanners", () => {
    expect(readShellConfig({}, '/home/u/.config/OpenLane')).toEqual({
      ok: true,
      value: { dataDir: resolve('/home/u/.config/OpenLane'), scanners: [] },
    });
  });

  it('reads OPENLANE_DATA and OPENLANE_SCANNERS', () => {
    const result = readShellConfig(
      { OPENLANE_DATA: '/srv/lane3', OPENLANE_SCANNERS: '/dev/ttyACM0:115200, COM3' },
      '/unused',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        dataDir: resolve('/srv/lane3'),
        scanners: [
          { path: '/dev/ttyACM0', baudRate: 115200 },
          { path: 'COM3', baudRate: 9600 },
        ],
      },
    });
  });

  it('refuses a malformed scanner list, naming the variable and the entry', () => {
    const result = readShellConfig({ OPENLANE_SCANNERS: '/dev/ttyACM0:12345' }, '/d');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/OPENLANE_SCANNERS.*12345/);
  });
});
