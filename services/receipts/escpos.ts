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
