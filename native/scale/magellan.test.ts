import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFramer } from '../scanner/framer';
import {
  encodeLabel,
  encodeMonitorAnswer,
  parseMagellanFrame,
  SCALE_MONITOR_REQUEST,
  type ScaleReading,
} from './magellan';
import { MagellanScale, type ScaleStatus } from './magellan-scale';

describe('parseMagellanFrame: the scale monitor answers (KA-01089)', () => {
  it.each([
    ['S140', { status: 'zero-error' }],
    ['S141', { status: 'motion' }],
    ['S142', { status: 'over-capacity' }],
    ['S143', { status: 'zero' }],
    ['S145', { status: 'under-zero' }],
    ['S14401234', { status: 'stable', grams: 1234 }],
    ['S14400005', { status: 'stable', grams: 5 }],
  ])('%s is %j', (frame, reading) => {
    expect(parseMagellanFrame(frame)).toEqual({ kind: 'scale', reading });
  });

  it('reads a weight in pounds (4 digits, hundredths of a pound) as whole grams', () => {
    // 2.50 lb = 1133.98 g
    expect(parseMagellanFrame('S1440250')).toEqual({
      kind: 'scale',
      reading: { status: 'stable', grams: 1134 },
    });
  });

  it('reads the simple weight request answer S11 the same way', () => {
    expect(parseMagellanFrame('S1100750')).toEqual({
      kind: 'scale',
      reading: { status: 'stable', grams: 750 },
    });
  });

  it('names what is wrong with a scale answer that does not parse', () => {
    expect(parseMagellanFrame('S146')).toMatchObject({
      kind: 'malformed',
      detail: expect.stringMatching(/status/),
    });
    expect(parseMagellanFrame('S1412')).toMatchObject({ kind: 'malformed' });
    expect(parseMagellanFrame('S144012')).toMatchObject({
      kind: 'malformed',
      detail: expect.stringMatching(/digit/),
    });
    expect(parseMagellanFrame('S1440123456')).toMatchObject({ kind: 'malformed' });
    expect(parseMagellanFrame('S144-1234')).toMatchObject({ kind: 'malformed' });
    expect(parseMagellanFrame('S14')).toMatchObject({ kind: 'malformed' });
  });

  it('hands on text without the Magellan envelope as it came (a scanner not set to Single Cable)', () => {
    expect(parseMagellanFrame('6901000000004')).toEqual({ kind: 'bare', text: '6901000000004' });
    expect(parseMagellanFrame('STAFF-A01X')).toEqual({ kind: 'bare', text: 'STAFF-A01X' });
    expect(parseMagellanFrame('SXY')).toEqual({ kind: 'bare', text: 'SXY' });
  });
});

describe('parseMagellanFrame: the scanner labels on the same line', () => {
  it.each([
    ['S08F6901000000004', '6901000000004'], // EAN-13
    ['S08FF69012347', '69012347'], // EAN-8
    ['S08A036000291452', '036000291452'], // UPC-A
    ['S08E04252614', '04252614'], // UPC-E
  ])('%s', (frame, text) => {
    expect(parseMagellanFrame(frame)).toEqual({ kind: 'scan', text });
  });

  it('keeps an identifier it does not know (an AIM id) as part of the label', () => {
    expect(parseMagellanFrame('S08]C10106901000000004')).toEqual({
      kind: 'scan',
      text: ']C10106901000000004',
    });
  });

  it('treats a label frame with no label as malformed, and other commands as other', () => {
    expect(parseMagellanFrame('S08').kind).toBe('malformed');
    expect(parseMagellanFrame('S00')).toEqual({ kind: 'other', text: 'S00' });
  });
});

describe('encoding', () => {
  it('asks with S14 CR', () => {
    expect(SCALE_MONITOR_REQUEST).toBe('S14\r');
  });

  it('round-trips every reading through the framer and the parser', () => {
    const readings: ScaleReading[] = [
      { status: 'stable', grams: 1 },
      { status: 'stable', grams: 99_999 },
      { status: 'motion' },
      { status: 'zero' },
      { status: 'under-zero' },
      { status: 'over-capacity' },
      { status: 'zero-error' },
    ];
    for (const reading of readings) {
      const framed = createFramer().push(Buffer.from(encodeMonitorAnswer(reading)));
      expect(framed).toEqual([{ kind: 'frame', text: expect.any(String) }]);
      const text = (framed[0] as { text: string }).text;
      expect(parseMagellanFrame(text)).toEqual({ kind: 'scale', reading });
    }
  });

  it('sends a label with its identifier, which the parser removes again', () => {
    expect(encodeLabel('6901000000004', 'F')).toBe('S08F6901000000004\r');
    expect(parseMagellanFrame(encodeLabel('69012347', 'FF').trimEnd())).toEqual({
      kind: 'scan',
      text: '69012347',
    });
  });

  it('refuses a weight the protocol cannot carry', () => {
    expect(() => encodeMonitorAnswer({ status: 'stable', grams: 100_000 })).toThrow(/99999/);
    expect(() => encodeMonitorAnswer({ status: 'stable', grams: 0 })).toThrow(/1 to/);
  });
});

/** The scale behind a framer, as the serial scanner feeds it: what became scans, what the scale said. */
function lineOf() {
  const framer = createFramer();
  const statuses: ScaleStatus[] = [];
  const scale = new MagellanScale({}, (status) => statuses.push(status));
  const scans: string[] = [];
  const feed = (chunk: string) => {
    for (const event of framer.push(Buffer.from(chunk, 'latin1'))) {
      if (event.kind !== 'frame') continue;
      const label = scale.frame(event.text);
      if (label !== null) scans.push(label);
    }
  };
  return { scale, statuses, scans, feed };
}

describe('one line, two devices', () => {
  it('tells interleaved labels and scale answers apart, however the bytes are split', () => {
    const { statuses, scans, feed } = lineOf();
    const stream = 'S141\rS08F6901000000004\rS14401234\rS08FF69012347\rS143\r';
    for (const c of stream) feed(c); // one byte at a time: the worst split
    expect(scans).toEqual(['6901000000004', '69012347']);
    expect(statuses.map((s) => [s.state, s.grams])).toEqual([
      ['motion', null],
      ['stable', 1234],
      ['zero', null],
    ]);
  });

  it('a split scale answer is one answer', () => {
    const { statuses, feed } = lineOf();
    feed('S1');
    feed('440');
    expect(statuses).toEqual([]);
    feed('0500\r\n');
    expect(statuses.map((s) => s.grams)).toEqual([500]);
  });

  it('garbage on the line is never a weight, and the next answer still reads', () => {
    const { scale, statuses, scans, feed } = lineOf();
    feed('\x00\xff\xfeS14\x01\r'); // control bytes: the framer's garbage, reported by the scanner
    feed('S1449\rS14401\r'); // broken scale answers: counted, dropped
    feed('zzz\r'); // no envelope: the scanner's, as it came (the terminal refuses it as a code)
    feed('S14400300\r');
    expect(scans).toEqual(['zzz']);
    expect(statuses.map((s) => [s.state, s.grams])).toEqual([['stable', 300]]);
    expect(scale.malformed).toBe(2);
  });
});

describe('MagellanScale polling', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks while polling, says "not answering" when the scale is silent, and stops asking', () => {
    vi.useFakeTimers();
    const written: string[] = [];
    const statuses: ScaleStatus[] = [];
    const scale = new MagellanScale({ pollMs: 100, answerTimeoutMs: 300 }, (s) => statuses.push(s));
    scale.attach({ write: (text) => (written.push(text), true) });
    scale.lineStatus(true);
    vi.advanceTimersByTime(1000);
    expect(written).toEqual([]); // nobody is weighing: the line stays the scanner's
    scale.startPolling();
    expect(written).toEqual(['S14\r']);
    scale.frame('S141');
    expect(scale.status.state).toBe('motion');
    vi.advanceTimersByTime(100);
    expect(written).toHaveLength(2); // answered: asked again at the next poll
    vi.advanceTimersByTime(1000); // silent from now on
    expect(scale.status.state).toBe('not-answering');
    scale.frame('S14400250');
    expect(scale.status).toMatchObject({ state: 'stable', grams: 250 });
    scale.lineStatus(false);
    expect(scale.status.state).toBe('disconnected');
    scale.stopPolling();
    const asked = written.length;
    vi.advanceTimersByTime(1000);
    expect(written).toHaveLength(asked);
    expect(statuses.map((s) => s.state)).toEqual(['motion', 'not-answering', 'stable', 'disconnected']);
  });

  it('does not ask over an unplugged line', () => {
    vi.useFakeTimers();
    const written: string[] = [];
    const scale = new MagellanScale({ pollMs: 100 }, () => {});
    scale.attach({ write: (text) => (written.push(text), true) });
    scale.startPolling();
    vi.advanceTimersByTime(500);
    expect(written).toEqual([]);
    expect(scale.status.state).toBe('disconnected');
    scale.lineStatus(true); // plugged in while weighing: asked at once
    expect(written).toEqual(['S14\r']);
    scale.stopPolling();
  });
});
