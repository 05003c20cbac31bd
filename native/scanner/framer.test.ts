import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFramer } from './framer';
import type { FrameEvent } from './framer';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const texts = (events: FrameEvent[]): string[] =>
  events.map((e) => (e.kind === 'frame' ? e.text : `<garbage ${e.reason}>`));

function feed(chunks: (string | Uint8Array)[], maxFrameBytes?: number): FrameEvent[] {
  const framer = createFramer(maxFrameBytes === undefined ? {} : { maxFrameBytes });
  return chunks.flatMap((c) => framer.push(typeof c === 'string' ? bytes(c) : c));
}

describe('createFramer', () => {
  it('ends frames at CR, LF and CRLF alike', () => {
    expect(texts(feed(['6901234567892\r', '4006381333931\n', '9787111544937\r\n']))).toEqual([
      '6901234567892',
      '4006381333931',
      '9787111544937',
    ]);
  });

  it('treats a CR at the end of one chunk and LF at the start of the next as one terminator', () => {
    expect(texts(feed(['123\r', '\n456\r', '\n']))).toEqual(['123', '456']);
  });

  it('ignores empty frames from blank lines and doubled terminators', () => {
    expect(texts(feed(['\r\n\r\n', '\n\n123\r\r', '\n\n']))).toEqual(['123']);
  });

  it('joins a frame split across several writes and holds a partial frame until its line end', () => {
    const framer = createFramer();
    expect(framer.push(bytes('690'))).toEqual([]);
    expect(framer.push(bytes('12345'))).toEqual([]);
    expect(framer.pendingBytes()).toBe(8);
    expect(texts(framer.push(bytes('67892\r\n')))).toEqual(['6901234567892']);
    expect(framer.pendingBytes()).toBe(0);
  });

  it('keeps GS separators and tabs inside a GS1 frame', () => {
    const gs1 = '010950110153000317250101\u001d10ABC123';
    expect(texts(feed([`${gs1}\r\n`, 'a\tb\n']))).toEqual([gs1, 'a\tb']);
  });

  it('decodes UTF-8 text, including a multi-byte character split between writes', () => {
    const encoded = bytes('商品:牛奶 1L\n');
    expect(texts(feed([encoded.subarray(0, 8), encoded.subarray(8)]))).toEqual(['商品:牛奶 1L']);
  });

  it('reports a frame with a control byte as garbage, with the bytes, and still reads the next frame', () => {
    const events = feed([new Uint8Array([0x31, 0x07, 0x32, 0x0d]), '555\r']);
    expect(events[0]).toEqual({
      kind: 'garbage',
      bytes: new Uint8Array([0x31, 0x07, 0x32]),
      reason: 'control-byte',
      detail: 'control byte 0x07 at offset 1 of a 3-byte frame',
    });
    expect(events[1]).toEqual({ kind: 'frame', text: '555' });
    expect(events).toHaveLength(2);
  });

  it('reports DEL and C1 control characters as garbage', () => {
    expect(texts(feed([new Uint8Array([0x41, 0x7f, 0x0a]), new Uint8Array([0xc2, 0x85, 0x0a])]))).toEqual([
      '<garbage control-byte>',
      '<garbage control-byte>',
    ]);
  });

  it('reports invalid UTF-8 as garbage and still reads the next frame', () => {
    const events = feed([new Uint8Array([0x41, 0xff, 0xfe, 0x0d, 0x0a]), 'OK\r\n']);
    expect(events.map((e) => e.kind)).toEqual(['garbage', 'frame']);
    expect(events[0]).toMatchObject({ reason: 'invalid-utf8', bytes: new Uint8Array([0x41, 0xff, 0xfe]) });
    expect(texts(events)[1]).toBe('OK');
  });

  it('drops an over-long run without a line end, reports it, and resyncs at the next line end', () => {
    const framer = createFramer({ maxFrameBytes: 8 });
    const events = [
      ...framer.push(bytes('ABCDEFGH')),
      ...framer.push(bytes('IJK')),
      ...framer.push(bytes('\r\n12\n')),
    ];
    expect(events).toEqual([
      {
        kind: 'garbage',
        bytes: bytes('ABCDEFGH'),
        reason: 'too-long',
        detail: expect.stringContaining('8 bytes'),
      },
      { kind: 'garbage', bytes: bytes('IJK'), reason: 'too-long', detail: expect.any(String) },
      { kind: 'frame', text: '12' },
    ]);
    expect(framer.pendingBytes()).toBe(0);
  });

  it('accepts a frame of exactly maxFrameBytes', () => {
    expect(texts(feed(['ABCDEFGH\n'], 8))).toEqual(['ABCDEFGH']);
  });

  it('never holds more than maxFrameBytes of a run that never ends', () => {
    const framer = createFramer({ maxFrameBytes: 16 });
    let garbage = 0;
    for (let i = 0; i < 100; i++) garbage += framer.push(new Uint8Array(10).fill(0x41)).length;
    expect(framer.pendingBytes()).toBeLessThanOrEqual(16);
    expect(garbage).toBe(Math.floor(1000 / 16));
  });

  it('forgets a partial frame on reset', () => {
    const framer = createFramer();
    framer.push(bytes('half-a-sc'));
    framer.reset();
    expect(texts(framer.push(bytes('whole\r\n')))).toEqual(['whole']);
  });

  it('rejects a nonsensical maxFrameBytes', () => {
    expect(() => createFramer({ maxFrameBytes: 0 })).toThrow(/positive integer/);
  });
});

/** Splits `stream` at the given cut points (any order, duplicates allowed). */
function chunked(stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, stream.length]) {
    chunks.push(stream.subarray(from, point));
    from = point;
  }
  return chunks;
}

// Byte streams shaped like scanner output: printable text, UTF-8, GS, control bytes, and all terminators.
const scannerish = fc
  .array(
    fc.oneof(
      fc.constantFrom(0x0d, 0x0a, 0x1d, 0x07, 0x00, 0xff),
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.constantFrom(...bytes('中文')),
      fc.integer({ min: 0, max: 255 }),
    ),
    { maxLength: 300 },
  )
  .map((list) => Uint8Array.from(list));

describe('createFramer properties', () => {
  it('gives the same frames and garbage however the same bytes are chunked', () => {
    fc.assert(
      fc.property(
        scannerish,
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.integer({ min: 1, max: 40 }),
        (s, cuts, max) => {
          const whole = feed([s], max);
          const pieces = feed(chunked(s, cuts), max);
          const byteWise = feed(
            Array.from(s, (b) => Uint8Array.of(b)),
            max,
          );
          expect(pieces).toEqual(whole);
          expect(byteWise).toEqual(whole);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on random bytes, and every frame is non-empty text without line ends', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (chunks) => {
        for (const event of feed(chunks, 32)) {
          if (event.kind === 'frame') {
            expect(event.text.length).toBeGreaterThan(0);
            expect(event.text).not.toMatch(/[\r\n]/);
          } else {
            expect(event.bytes.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every well-formed scan written with any terminator', () => {
    const scan = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEF()中文\u001d'),
      minLength: 1,
      maxLength: 40,
    });
    const terminator = fc.constantFrom('\r', '\n', '\r\n');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(scan, terminator), { maxLength: 15 }),
        fc.array(fc.nat()),
        (scans, cuts) => {
          const stream = bytes(scans.map(([text, end]) => text + end).join(''));
          expect(texts(feed(chunked(stream, cuts)))).toEqual(scans.map(([text]) => text));
        },
      ),
      { numRuns: 300 },
    );
  });
});
