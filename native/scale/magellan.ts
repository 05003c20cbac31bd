// The Datalogic Magellan scanner-scale "Single Cable" serial protocol: the scanner's labels and the
// scale's answers share one RS-232 (or USB-COM) line. Pure: no I/O, no timers.
//
// Followed: Datalogic knowledge-base article KA-01089, "RS232 Single Cable & USB Com Single Cable"
// (how to request weight from the scale of a Magellan scanner/scale), and the Magellan 8300/8400 and
// 9300i/9400i Product Reference Guides, appendix "Host Data Format Requirements" (label identifiers):
// - every message is framed by the programmable STX and ETX characters, by default "S" and CR;
// - the scale monitor request is "S14" ETX; the scale answers at once with "S14" and one status digit:
//     S140 cannot find zero (power cycle / calibration), S141 unstable (in motion),
//     S142 over capacity, S143 stable zero weight, S145 under zero,
//     S144wwwww a stable non-zero weight: five digits in metric (thousandths of a kilogram, i.e.
//     grams), four in pounds (hundredths of a pound); no decimal point is ever sent;
// - the simple weight request "S11" is answered only once a stable weight is there, so it cannot
//   show motion or zero; we send only S14 and read S11 answers the same way should a scale send them;
// - scanned labels arrive as "S08" + a label identifier + the data: A (UPC-A), E (UPC-E),
//   F (EAN-13), FF (EAN-8); other symbologies keep their identifier (e.g. an AIM "]C1").
// The scanner's own data and the scale's answers are told apart by those command digits alone. Text
// without the envelope (a scanner not set to Single Cable) is handed on as a label, never dropped.

/** The line's default STX / ETX (both programmable on the scanner; we support the defaults). */
export const MAGELLAN_STX = 'S';
export const MAGELLAN_ETX = '\r';

/** Asks the scale for its state and weight now (answered at once, whatever the state). */
export const SCALE_MONITOR_REQUEST = `${MAGELLAN_STX}14${MAGELLAN_ETX}`;

const GRAMS_PER_HUNDREDTH_POUND = 4.5359237;

/** What the scale says. Only `stable` carries a weight; every other state means "no weight to sell". */
export type ScaleReading =
  | { status: 'stable'; grams: number }
  | { status: 'motion' }
  | { status: 'zero' }
  | { status: 'under-zero' }
  | { status: 'over-capacity' }
  /** The scale cannot find its zero at power-up: it needs a power cycle or calibration. */
  | { status: 'zero-error' };

export type MagellanFrame =
  /** A label the scanner read, its Magellan label identifier removed when it is one we know. */
  | { kind: 'scan'; text: string }
  | { kind: 'scale'; reading: ScaleReading }
  /** A frame of the protocol that is neither (e.g. S00, a command acknowledgement): ignored. */
  | { kind: 'other'; text: string }
  /**
   * Text without the Magellan envelope (S and two digits): a scanner not set to Single Cable, or line
   * noise. Handed on as it came, so the terminal judges it as it would any scanned text, never lost.
   */
  | { kind: 'bare'; text: string }
  /** A frame of the protocol that does not parse (a broken scale answer): named, for diagnosis. */
  | { kind: 'malformed'; text: string; detail: string };

const STATUS: Record<string, ScaleReading> = {
  '0': { status: 'zero-error' },
  '1': { status: 'motion' },
  '2': { status: 'over-capacity' },
  '3': { status: 'zero' },
  '5': { status: 'under-zero' },
};

/** Sorts one frame of the line (its ETX already removed by the framer) into scan, scale or other. */
export function parseMagellanFrame(frame: string): MagellanFrame {
  const command = frame.slice(1, 3);
  if (!frame.startsWith(MAGELLAN_STX) || !/^\d\d$/.test(command)) return { kind: 'bare', text: frame };
  const body = frame.slice(3);
  if (command === '08') return scanFrame(frame, body);
  if (command === '14') return monitorAnswer(frame, body);
  if (command === '11') return weightAnswer(frame, body);
  return { kind: 'other', text: frame };
}

function scanFrame(frame: string, body: string): MagellanFrame {
  if (body.length === 0) return { kind: 'malformed', text: frame, detail: 'a label frame with no label' };
  // EAN-8's identifier is FF and EAN-13's is F: the longer one first.
  for (const id of ['FF', 'F', 'A', 'E']) {
    if (body.startsWith(id) && /^\d+$/.test(body.slice(id.length)))
      return { kind: 'scan', text: body.slice(id.length) };
  }
  return { kind: 'scan', text: body };
}

function monitorAnswer(frame: string, body: string): MagellanFrame {
  const status = body[0];
  if (status === '4') return weightAnswer(frame, body.slice(1));
  const reading = status !== undefined ? STATUS[status] : undefined;
  if (!reading || body.length !== 1)
    return { kind: 'malformed', text: frame, detail: `"${body}" is not a scale status (0–5)` };
  return { kind: 'scale', reading };
}

/** wwwww (metric, grams) or wwww (hundredths of a pound), no decimal point. */
function weightAnswer(frame: string, digits: string): MagellanFrame {
  if (!/^\d{4,5}$/.test(digits))
    return { kind: 'malformed', text: frame, detail: `"${digits}" is not a 4- or 5-digit weight` };
  const value = Number.parseInt(digits, 10);
  const grams = digits.length === 5 ? value : Math.round(value * GRAMS_PER_HUNDREDTH_POUND);
  // A "stable weight" of 0 is what S143 says; some firmware may send it as digits.
  return { kind: 'scale', reading: grams > 0 ? { status: 'stable', grams } : { status: 'zero' } };
}

/** The scale's answer to S14 as the scale sends it (metric), ETX included. */
export function encodeMonitorAnswer(reading: ScaleReading): string {
  const digit: Record<ScaleReading['status'], string> = {
    'zero-error': '0',
    motion: '1',
    'over-capacity': '2',
    zero: '3',
    stable: '4',
    'under-zero': '5',
  };
  const weight = reading.status === 'stable' ? encodeGrams(reading.grams) : '';
  return `${MAGELLAN_STX}14${digit[reading.status]}${weight}${MAGELLAN_ETX}`;
}

/** A scanned label as the scanner sends it on the single cable, ETX included. */
export function encodeLabel(text: string, labelId = ''): string {
  return `${MAGELLAN_STX}08${labelId}${text}${MAGELLAN_ETX}`;
}

function encodeGrams(grams: number): string {
  if (!Number.isSafeInteger(grams) || grams < 1 || grams > 99_999)
    throw new RangeError(`a metric Magellan weight is 1 to 99999 g, got ${grams}`);
  return String(grams).padStart(5, '0');
}
