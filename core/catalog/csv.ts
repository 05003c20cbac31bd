/**
 * An RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF
 * line ends; a UTF-8 BOM is ignored; empty lines are skipped. Malformed quoting becomes a record with
 * an `error` rather than an exception, so an importer can name the line and go on to the next one.
 */

/** One record of a CSV text: the 1-based line it starts on and its fields, or why it is malformed. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the record's quoting is malformed; `fields` then holds what was read before the fault. */
  error?: string;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/** Reads CSV records one at a time (a generator, so a million-row file is never held twice). */
export function* readCsv(text: string): Generator<CsvRecord> {
  const reader = new Reader(text);
  while (reader.skipEmptyLines()) yield reader.readRecord();
}

// The reader keeps its position and line count in fields so each record costs no closures.
class Reader {
  private pos: number;
  private line = 1;
  private readonly end: number;

  constructor(private readonly text: string) {
    this.pos = text.charCodeAt(0) === BOM ? 1 : 0;
    this.end = text.length;
  }

  /** Skips line breaks between records; false at the end of the text. */
  skipEmptyLines(): boolean {
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== LF && c !== CR) return true;
      this.consumeLineBreak();
    }
    return false;
  }

  readRecord(): CsvRecord {
    const line = this.line;
    const fields: string[] = [];
    for (;;) {
      const field =
        this.text.charCodeAt(this.pos) === QUOTE ? this.readQuoted(line) : this.readUnquoted(fields.length);
      if (typeof field !== 'string') return this.fail(line, fields, field.error);
      fields.push(field);
      if (this.pos >= this.end) return { line, fields };
      const c = this.text.charCodeAt(this.pos);
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      if (c === LF || c === CR) {
        this.consumeLineBreak();
        return { line, fields };
      }
      // Only a quoted field can stop on anything else: text after its closing quote.
      return this.fail(line, fields, `text after the closing quote of field ${fields.length}`);
    }
  }

  private readUnquoted(index: number): string | { error: string } {
    const { text, end } = this;
    const start = this.pos;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === LF || c === CR) break;
      if (c === QUOTE) {
        return {
          error:
            `a quote inside unquoted field ${index + 1}; ` +
            'put the whole field in double quotes and double the quote inside ("12"" Pizza")',
        };
      }
      i++;
    }
    this.pos = i;
    return text.slice(start, i);
  }

  private readQuoted(line: number): string | { error: string } {
    const { text } = this;
    let from = this.pos + 1;
    let value = '';
    for (;;) {
      const close = text.indexOf('"', from);
      if (close === -1) {
        this.pos = this.end;
        return { error: `a quoted field opened on line ${line} is never closed` };
      }
      this.countLineBreaks(from, close);
      value += text.slice(from, close);
      if (text.charCodeAt(close + 1) !== QUOTE) {
        this.pos = close + 1;
        return value;
      }
      value += '"'; // a doubled quote stands for one quote
      from = close + 2;
    }
  }

  /** A malformed record: report it and resume at the next line, so later records are still checked. */
  private fail(line: number, fields: string[], error: string): CsvRecord {
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c === LF || c === CR) break;
      this.pos++;
    }
    if (this.pos < this.end) this.consumeLineBreak();
    return { line, fields, error };
  }

  private consumeLineBreak(): void {
    const c = this.text.charCodeAt(this.pos);
    this.pos += c === CR && this.text.charCodeAt(this.pos + 1) === LF ? 2 : 1;
    this.line++;
  }

  private countLineBreaks(from: number, to: number): void {
    const { text } = this;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) this.line++;
    }
  }
}
