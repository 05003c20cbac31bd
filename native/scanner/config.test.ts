import { describe, expect, it } from 'vitest';
import { parseScannerList, parseScannerSpec, STANDARD_BAUD_RATES } from './config';

describe('parseScannerSpec', () => {
  it('defaults to 9600 baud when only a path is given', () => {
    expect(parseScannerSpec('COM3')).toEqual({ ok: true, value: { path: 'COM3', baudRate: 9600 } });
    expect(parseScannerSpec(' /dev/ttyUSB0 ')).toEqual({
      ok: true,
      value: { path: '/dev/ttyUSB0', baudRate: 9600 },
    });
  });

  it('reads PATH:BAUD for Linux and Windows ports', () => {
    expect(parseScannerSpec('/dev/ttyACM0:115200')).toEqual({
      ok: true,
      value: { path: '/dev/ttyACM0', baudRate: 115200 },
    });
    expect(parseScannerSpec('COM12:38400')).toEqual({ ok: true, value: { path: 'COM12', baudRate: 38400 } });
    expect(parseScannerSpec('\\\\.\\COM10:921600')).toEqual({
      ok: true,
      value: { path: '\\\\.\\COM10', baudRate: 921600 },
    });
  });

  it('accepts every standard rate from 1200 to 921600', () => {
    for (const rate of STANDARD_BAUD_RATES) {
      expect(parseScannerSpec(`COM1:${rate}`)).toEqual({ ok: true, value: { path: 'COM1', baudRate: rate } });
    }
    expect(STANDARD_BAUD_RATES[0]).toBe(1200);
    expect(STANDARD_BAUD_RATES.at(-1)).toBe(921600);
  });

  it('keeps udev by-path names with colons whole', () => {
    const path = '/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0';
    expect(parseScannerSpec(path)).toEqual({ ok: true, value: { path, baudRate: 9600 } });
    expect(parseScannerSpec(`${path}:57600`)).toEqual({ ok: true, value: { path, baudRate: 57600 } });
  });

  it('rejects a non-standard rate and names the allowed ones', () => {
    const result = parseScannerSpec('/dev/ttyS0:9601');
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported-baud' } });
    if (!result.ok) expect(result.error.message).toContain('9601');
    if (!result.ok) expect(result.error.message).toContain('115200');
    expect(parseScannerSpec('COM3:300')).toMatchObject({ ok: false, error: { code: 'unsupported-baud' } });
  });

  it('rejects typos of the baud rate instead of treating them as part of the path', () => {
    for (const spec of ['COM3:', 'COM3:fast', '/dev/ttyS0:9600baud', '/dev/ttyS0:']) {
      expect(parseScannerSpec(spec), spec).toMatchObject({ ok: false, error: { code: 'bad-baud' } });
    }
  });

  it('rejects an empty spec or a missing path', () => {
    expect(parseScannerSpec('  ')).toMatchObject({ ok: false, error: { code: 'empty-spec' } });
    expect(parseScannerSpec(':9600')).toMatchObject({ ok: false, error: { code: 'bad-path' } });
    expect(parseScannerSpec('/dev/tty S0')).toMatchObject({ ok: false, error: { code: 'bad-path' } });
  });
});

describe('parseScannerList', () => {
  it('means no scanners when unset or blank', () => {
    expect(parseScannerList(undefined)).toEqual({ ok: true, value: [] });
    expect(parseScannerList('  ')).toEqual({ ok: true, value: [] });
  });

  it('reads several comma-separated specs in order, tolerating spaces and a trailing comma', () => {
    expect(parseScannerList('/dev/ttyACM0:115200, COM3 ,')).toEqual({
      ok: true,
      value: [
        { path: '/dev/ttyACM0', baudRate: 115200 },
        { path: 'COM3', baudRate: 9600 },
      ],
    });
  });

  it('names the position of a bad entry', () => {
    const result = parseScannerList('COM1,COM2:12345');
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported-baud' } });
    if (!result.ok) expect(result.error.message).toMatch(/^scanner 2 of OPENLANE_SCANNERS: .*12345/);
    expect(parseScannerList('COM1,,COM2')).toMatchObject({ ok: false, error: { code: 'empty-spec' } });
  });

  it('rejects the same port listed twice', () => {
    const result = parseScannerList('COM1:9600,COM1:115200');
    expect(result).toMatchObject({ ok: false, error: { code: 'duplicate-path' } });
    if (!result.ok) expect(result.error.message).toContain('COM1');
  });
});
