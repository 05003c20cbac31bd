import { describe, expect, it } from 'vitest';
import { createScannerPool } from './scanner-pool';

describe('createScannerPool', () => {
  it('names each scanner by its path unless given an id, and starts disconnected', () => {
    const pool = createScannerPool(
      [
        { path: '/dev/ttyACM0', baudRate: 115200 },
        { id: 'fixed', path: 'COM3', baudRate: 9600 },
      ],
      () => {},
    );
    expect(pool.scanners.map((s) => [s.id, s.path, s.baudRate])).toEqual([
      ['/dev/ttyACM0', '/dev/ttyACM0', 115200],
      ['fixed', 'COM3', 9600],
    ]);
    expect(pool.statuses()).toEqual([
      { scannerId: '/dev/ttyACM0', path: '/dev/ttyACM0', connected: false, error: null },
      { scannerId: 'fixed', path: 'COM3', connected: false, error: null },
    ]);
  });

  it('refuses the same id or the same port twice', () => {
    expect(() =>
      createScannerPool(
        [
          { id: 'a', path: '/dev/ttyS0', baudRate: 9600 },
          { id: 'a', path: '/dev/ttyS1', baudRate: 9600 },
        ],
        () => {},
      ),
    ).toThrow('scanner id "a" is used twice');
    expect(() =>
      createScannerPool(
        [
          { id: 'a', path: '/dev/ttyS0', baudRate: 9600 },
          { id: 'b', path: '/dev/ttyS0', baudRate: 9600 },
        ],
        () => {},
      ),
    ).toThrow('scanner path "/dev/ttyS0" is listed twice');
  });
});
