// Shelf labels as ESC/POS for the receipt printer: one label, then a partial cut, per item. The
// commands are Epson's ESC/POS (TM series command reference): ESC @ initialise, ESC a centring,
// GS ! character size, GS h / GS w / GS H the barcode's height, module width and readable text,
// GS k (function B) the barcode itself, ESC d feed, GS V the cut.
//
// Text reaches the printer through `encodeText` (services/labels: GB18030 in Chinese character mode,
// or ASCII), always stripped of control characters first, so a name can never be a command.
import { labelSymbology, type ShelfLabel } from './label';

export interface EscPosLabelOptions {
  /** The text's bytes for this printer (control characters are removed before it is called). */
  encodeText: (text: string) => Uint8Array;
  /** Bytes sent right after ESC @ (e.g. FS & for Chinese character mode, which ESC @ cancels). */
  afterInit?: readonly number[];
}

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

/** GS k m n d1…dn, function B: m 67 is EAN-13 (12 or 13 digits), m 73 is Code 128 (with its code set). */
export function barcodeCommand(code: string): number[] {
  const symbology = labelSymbology(code);
  if (symbology.kind === 'ean13') return [GS, 0x6b, 67, 13, ...ascii(symbology.digits)];
  // Code 128 data starts with its code set: "{B" selects set B (printable ASCII); '{' itself is "{{".
  const data = [0x7b, 0x42, ...ascii(symbology.text.replace(/\{/g, '{{'))].slice(0, 255);
  return [GS, 0x6b, 73, data.length, ...data];
}

/** One label's bytes: initialise, centred text, the barcode, feed and partial cut. */
export function escPosLabel(label: ShelfLabel, options: EscPosLabelOptions): Uint8Array {
  const bytes: number[] = [ESC, 0x40, ...(options.afterInit ?? []), ESC, 0x61, 1];
  const line = (text: string) => bytes.push(...options.encodeText(printable(text)), LF);
  line(label.name);
  bytes.push(GS, 0x21, 0x11); // double width and height
  line(label.price);
  bytes.push(GS, 0x21, 0x00);
  if (label.unitPrice) line(label.unitPrice);
  if (label.effective) line(label.effective);
  bytes.push(GS, 0x68, 80, GS, 0x77, 2, GS, 0x48, 2); // 80 dots high, 2-dot modules, text below
  bytes.push(...barcodeCommand(label.barcode), LF);
  bytes.push(ESC, 0x61, 0, ESC, 0x64, 3, GS, 0x56, 66, 0); // left, feed 3 lines, partial cut
  return Uint8Array.from(bytes);
}

/** Several labels, each cut off on its own. */
export function escPosLabels(labels: readonly ShelfLabel[], options: EscPosLabelOptions): Uint8Array {
  const parts = labels.map((label) => escPosLabel(label, options));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
