// Printed blocks to ESC/POS bytes through @point-of-sale/receipt-printer-encoder (initialise, styles,
// the printer's own QR command GS ( k, the cut). The encoder's code pages are single-byte only, so
// for Chinese printers the text goes out as GB18030 (or GBK) bytes made by iconv-lite, with the
// printer switched into Chinese character mode (FS &) right after the encoder's initialise, which
// cancels it (FS .). In that mode every byte 0x80 and up starts a double-byte character, so nothing
// but ASCII may reach the encoder's own text path: rules are '-', never the code page's box lines.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import iconv from 'iconv-lite';
import { chineseCells, singleByteCells, type CellWidth } from './columns';
import type { PrintBlock } from './layout';

/**
 * `gb18030`: Chinese printers that take GB18030 (most sold in China since GB18030 became mandatory).
 * `cp936`: older GBK-only printers; characters outside GBK print as '?'.
 * `auto`: Western printers; the encoder picks a single-byte code page per character (no Chinese).
 */
export type PrinterEncoding = 'gb18030' | 'cp936' | 'auto';

/** ESC/POS "select Kanji/Chinese character mode": double-byte text from here on. */
const FS_CHINESE_MODE = [0x1c, 0x26];

export interface EncodeOptions {
  columns: number;
  encoding: PrinterEncoding;
}

/**
 * The text without control characters (C0, DEL, C1). Names come from HQ's catalog and imports: a name
 * carrying ESC p … would open the cash drawer, DLE DC4 pulse it, others reset or reconfigure the printer.
 * Only this module writes printer commands.
 */
export function printableText(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

export function cellsFor(encoding: PrinterEncoding): CellWidth {
  return encoding === 'auto' ? singleByteCells : chineseCells;
}

/** The bytes of one receipt: initialise, the blocks, feed and a partial cut. */
export function encodeBlocks(blocks: PrintBlock[], options: EncodeOptions): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: options.columns,
    feedBeforeCut: 4,
  });
  encoder.initialize();
  const chinese = options.encoding !== 'auto';
  if (chinese) encoder.raw(FS_CHINESE_MODE);
  else encoder.codepage('auto');
  for (const block of blocks) {
    if (block.kind === 'qr') {
      // Model 2, 6 dots a module, error level M: an e-receipt URL fits in a ~25 mm square.
      encoder.align('center').qrcode(block.data, { model: 2, size: 6, errorlevel: 'm' }).align('left');
      continue;
    }
    if (block.style === 'title') encoder.bold(true).height(2);
    else if (block.style === 'bold') encoder.bold(true);
    const text = printableText(block.text);
    if (chinese) encoder.raw(iconv.encode(text, options.encoding));
    else encoder.text(text);
    encoder.newline();
    if (block.style === 'title') encoder.height(1).bold(false);
    else if (block.style === 'bold') encoder.bold(false);
  }
  return encoder.cut('partial').encode();
}

/** The drawer kick-out connector pin a cash drawer is wired to (most drawers: pin 2). */
export type DrawerPin = 2 | 5;

export interface DrawerPulse {
  pin: DrawerPin;
  /** How long the solenoid is driven, in ms: a multiple of 2 from 2 to 510. */
  onMs: number;
  /** The rest after it, in ms: a multiple of 2 from onMs to 510. */
  offMs: number;
}

/** Epson's own program example for ESC p (t1 = 25, t2 = 250): 50 ms on, 500 ms off, pin 2. */
export const DEFAULT_DRAWER_PULSE: DrawerPulse = { pin: 2, onMs: 50, offMs: 500 };

/**
 * ESC p m t1 t2 (1B 70 m t1 t2), "Generate pulse", as Epson's ESC/POS Command Reference for TM printers
 * documents it (https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/esc_lp.html): m = 0 drives
 * drawer kick-out connector pin 2, m = 1 pin 5; the ON time is t1 × 2 ms and the OFF time t2 × 2 ms,
 * each 0–255. Refused with a RangeError naming the value, rather than sent for the printer to bend:
 * times that are not whole 2 ms steps; an ON time of 0 (the drawer would stay shut, silently); an OFF
 * time shorter than the ON time (Epson: "If t2 < t1, the OFF time is equal to the ON time").
 */
export function drawerPulseBytes(pulse: DrawerPulse): Uint8Array {
  const { pin, onMs, offMs } = pulse;
  if (pin !== 2 && pin !== 5) throw new RangeError(`drawer pin must be 2 or 5, got ${String(pin)}`);
  const t1 = pulseUnits('onMs', onMs, 2);
  const t2 = pulseUnits('offMs', offMs, 0);
  if (t2 < t1) throw new RangeError(`offMs (${offMs}) must be at least onMs (${onMs})`);
  return Uint8Array.of(0x1b, 0x70, pin === 2 ? 0 : 1, t1, t2);
}

/** A time in ms as the command's 2 ms units (one byte), or a RangeError naming the field. */
function pulseUnits(name: string, ms: number, minMs: number): number {
  if (!Number.isInteger(ms) || ms % 2 !== 0 || ms < minMs || ms > 510)
    throw new RangeError(`${name} must be a whole number of 2 ms steps from ${minMs} to 510 ms, got ${ms}`);
  return ms / 2;
}
