// Fixed-width text for a receipt printer, measured in the printer's character cells. A printer in
// Chinese mode prints every double-byte character (hanzi, full-width forms, also é) two cells wide,
// so a character's width is the number of bytes it takes in GB18030, capped at two; in a single-byte
// code page every character takes one cell.

/** Cells one character takes on the paper. */
export type CellWidth = (ch: string) => 1 | 2;

/** Chinese mode (GB18030 / cp936): ASCII is one cell, everything else two. */
export const chineseCells: CellWidth = (ch) => (ch.codePointAt(0)! < 0x80 ? 1 : 2);

/** A single-byte code page: one cell each. */
export const singleByteCells: CellWidth = () => 1;

export class Columns {
  constructor(
    readonly width: number,
    private readonly cells: CellWidth,
  ) {}

  /** Cells a string takes. */
  measure(text: string): number {
    let n = 0;
    for (const ch of text) n += this.cells(ch);
    return n;
  }

  /** Cuts text to at most `width` cells without splitting a character. */
  fit(text: string, width = this.width): string {
    let out = '';
    let used = 0;
    for (const ch of text) {
      const w = this.cells(ch);
      if (used + w > width) break;
      out += ch;
      used += w;
    }
    return out;
  }

  padEnd(text: string, width: number): string {
    const shown = this.fit(text, width);
    return shown + ' '.repeat(width - this.measure(shown));
  }

  padStart(text: string, width: number): string {
    const shown = this.fit(text, width);
    return ' '.repeat(width - this.measure(shown)) + shown;
  }

  centre(text: string): string {
    const shown = this.fit(text);
    return ' '.repeat(Math.floor((this.width - this.measure(shown)) / 2)) + shown;
  }

  /**
   * Left text wrapped to the room the right text leaves, the right text on the first line: a long
   * product name goes on over more lines rather than being cut, so the shopper can tell items apart.
   */
  spread(left: string, right: string, indent = 2): string[] {
    const room = this.width - this.measure(right) - 1;
    if (room < 1) return [this.fit(right)];
    const [first = '', ...rest] = this.wrap(left, room);
    const lines = [this.padEnd(first, room) + ' ' + right];
    for (const part of rest.length ? this.wrap(rest.join(' '), this.width - indent) : [])
      lines.push(' '.repeat(indent) + part);
    return lines;
  }

  /** Splits text into lines of at most `width` cells, at a space when there is one (Chinese has none). */
  wrap(text: string, width = this.width): string[] {
    const lines: string[] = [];
    let rest = text.trim();
    while (rest.length > 0) {
      let part = this.fit(rest, width);
      if (part.length === 0) break; // a character wider than the room: give up rather than loop
      const space = part.lastIndexOf(' ');
      if (part.length < rest.length && rest[part.length] !== ' ' && space > 0) part = part.slice(0, space);
      lines.push(part.trimEnd());
      rest = rest.slice(part.length).trimStart();
    }
    return lines;
  }
}
