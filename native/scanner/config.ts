// Parses where the scanners are: `PATH[:BAUD]`, and the comma-separated OPENLANE_SCANNERS list.

export const DEFAULT_BAUD_RATE = 9600;

/** Rates every serial stack (Linux termios, Windows, macOS) can set without custom divisors. */
export const STANDARD_BAUD_RATES: readonly number[] = [
  1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600,
];

export interface ScannerPortConfig {
  path: string;
  baudRate: number;
}

export type ScannerConfigErrorCode =
  'empty-spec' | 'bad-baud' | 'unsupported-baud' | 'bad-path' | 'duplicate-path';

export interface ScannerConfigError {
  code: ScannerConfigErrorCode;
  message: string;
}

export type ConfigResult<T> = { ok: true; value: T } | { ok: false; error: ScannerConfigError };

const fail = (code: ScannerConfigErrorCode, message: string): { ok: false; error: ScannerConfigError } => ({
  ok: false,
  error: { code, message },
});

/**
 * Parses `PATH[:BAUD]`, e.g. `COM3`, `/dev/ttyACM0:115200`. Only a final all-digit `:NNN` is a baud
 * rate, so udev by-path names full of colons (`pci-0000:00:14.0-usb-0:2:1.0`) stay whole paths.
 */
export function parseScannerSpec(spec: string): ConfigResult<ScannerPortConfig> {
  const trimmed = spec.trim();
  if (trimmed === '') return fail('empty-spec', 'scanner spec is empty; expected PATH or PATH:BAUD');
  const colon = trimmed.lastIndexOf(':');
  let path = trimmed;
  let baudRate = DEFAULT_BAUD_RATE;
  if (colon >= 0) {
    const suffix = trimmed.slice(colon + 1).trim();
    const prefix = trimmed.slice(0, colon).trim();
    if (/^\d+$/.test(suffix)) {
      path = prefix;
      baudRate = Number(suffix);
      if (!STANDARD_BAUD_RATES.includes(baudRate)) {
        return fail(
          'unsupported-baud',
          `baud rate ${suffix} in "${trimmed}" is not a standard rate; use one of ${STANDARD_BAUD_RATES.join(', ')}`,
        );
      }
    } else if (suffix === '' || /^\d+\s*[a-z]+$/i.test(suffix) || !/[/\\]/.test(prefix)) {
      // `COM3:`, `COM3:fast`, `/dev/ttyS0:9600baud` are typos of PATH:BAUD, not device names.
      return fail(
        'bad-baud',
        `"${suffix}" in "${trimmed}" is not a baud rate; expected PATH:BAUD like COM3:9600`,
      );
    }
  }
  if (path === '')
    return fail('bad-path', `scanner spec "${trimmed}" has no device path before the baud rate`);
  if (/[\s,\0]/.test(path)) {
    return fail('bad-path', `device path "${path}" contains whitespace, a comma or NUL`);
  }
  return { ok: true, value: { path, baudRate } };
}

/**
 * Parses OPENLANE_SCANNERS: specs separated by commas, e.g. `/dev/ttyACM0:115200, COM3`.
 * Unset or blank means no serial scanners. The first bad entry fails the whole list, by position.
 */
export function parseScannerList(text: string | undefined): ConfigResult<ScannerPortConfig[]> {
  if (text === undefined || text.trim() === '') return { ok: true, value: [] };
  const configs: ScannerPortConfig[] = [];
  const entries = text.split(',');
  for (const [index, entry] of entries.entries()) {
    // A trailing comma ("a,b,") is harmless; an empty entry in the middle ("a,,b") is a typo.
    if (entry.trim() === '' && index === entries.length - 1) continue;
    const parsed = parseScannerSpec(entry);
    if (!parsed.ok) {
      return fail(parsed.error.code, `scanner ${index + 1} of OPENLANE_SCANNERS: ${parsed.error.message}`);
    }
    if (configs.some((c) => c.path === parsed.value.path)) {
      return fail(
        'duplicate-path',
        `scanner ${index + 1} of OPENLANE_SCANNERS: ${parsed.value.path} is listed twice; a port opens once`,
      );
    }
    configs.push(parsed.value);
  }
  return { ok: true, value: configs };
}
