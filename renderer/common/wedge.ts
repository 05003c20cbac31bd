// Keyboard-wedge scanners type the barcode as keystrokes ending with Enter, far faster than a
// person. Keys that arrive with gaps of at most `maxGapMs` and end in Enter are a scan.

export interface WedgeOptions {
  /** Longest pause between two keys of one scan. */
  maxGapMs?: number;
  /** Shortest code that counts as a scan (a stray Enter is not one). */
  minLength?: number;
}

const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta']);

/** Collects keystrokes; `key` returns the scanned code when a fast burst ends with Enter. */
export class WedgeBuffer {
  private buffer = '';
  private lastAt = -Infinity;
  private readonly maxGapMs: number;
  private readonly minLength: number;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 50;
    this.minLength = options.minLength ?? 3;
  }

  /** Feeds one key (a KeyboardEvent.key) pressed at `atMs`; returns a code or null. */
  key(key: string, atMs: number): string | null {
    const gap = atMs - this.lastAt;
    this.lastAt = atMs;
    if (gap > this.maxGapMs) this.buffer = '';
    if (key === 'Enter') {
      const code = this.buffer;
      this.buffer = '';
      return code.length >= this.minLength ? code : null;
    }
    if (key.length === 1) this.buffer += key;
    // A scanner typing capitals presses Shift between characters: that is part of the burst.
    else if (!MODIFIERS.has(key)) this.buffer = ''; // arrows, Tab, Backspace… are a person
    return null;
  }
}
