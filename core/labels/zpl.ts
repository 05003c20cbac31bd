// Shelf labels as ZPL II for a label printer (Zebra and the many printers that speak its language).
// One format per label, ^XA … ^XZ; ^CI28 switches field data to UTF-8, so a Chinese name travels as
// it is (the printer needs a font with those glyphs: `font` names one stored on it, for ^A@).
//
// Field data goes through ^FH: '^' and '~' would start a command, so every one of them (and '_', the
// escape character itself) is sent as _XX hex, and control characters are dropped. A name from HQ's
// catalog can then never become a printer command.
import { labelSymbology, type ShelfLabel } from './label';

export interface ZplOptions {
  /** A font on the printer for ^A@ (e.g. `E:SIMSUN.TTF`), for names the built-in ^A0 cannot draw. */
  font?: string;
}

/** One label's ZPL, 50 × 30 mm at 203 dpi (400 × 240 dots). */
export function zplLabel(label: ShelfLabel, options: ZplOptions = {}): string {
  const text = (x: number, y: number, height: number, value: string, width = 360) =>
    `^FO${x},${y}${font(height, options)}^FB${width},1,0,L,0^FH^FD${fieldData(value)}^FS`;
  const lines = [
    '^XA',
    '^CI28',
    '^PW400',
    '^LL240',
    text(20, 15, 30, label.name),
    text(20, 55, 60, label.price),
  ];
  if (label.unitPrice) lines.push(text(20, 120, 24, label.unitPrice));
  if (label.effective) lines.push(text(20, 148, 20, label.effective));
  lines.push(barcode(label.barcode), '^XZ');
  return lines.join('\n') + '\n';
}

/** Several labels, one format each: the printer prints them in order. */
export function zplLabels(labels: readonly ShelfLabel[], options: ZplOptions = {}): string {
  return labels.map((label) => zplLabel(label, options)).join('');
}

/** ZPL's bytes: UTF-8, as ^CI28 announced. */
export function zplBytes(zpl: string): Uint8Array {
  return new TextEncoder().encode(zpl);
}

function font(height: number, options: ZplOptions): string {
  return options.font ? `^A@N,${height},${height},${options.font}` : `^A0N,${height},${height}`;
}

/** ^BE (EAN-13: 12 digits, the printer adds the check digit) or ^BC (Code 128), 50 dots high, text below. */
function barcode(code: string): string {
  const symbology = labelSymbology(code);
  const at = '^FO200,170^BY2';
  return symbology.kind === 'ean13'
    ? `${at}^BEN,50,Y,N^FD${symbology.digits.slice(0, 12)}^FS`
    : `${at}^BCN,50,Y,N,N^FH^FD${fieldData(symbology.text)}^FS`;
}

/** Field data safe inside ^FH^FD … ^FS: command and escape characters as _XX hex, no control characters. */
export function fieldData(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/[_^~]/g, (c) => `_${hex(c)}`);
}

function hex(c: string): string {
  return c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
}
