// Keys typed after Pay (F12) but before the tender screen is up belong to the tender. A fast cashier
// types F12, 5, 0, Enter in one movement, and for the moment Pay takes (the sale's last scan, the
// tender's state) the selling screen still has the keyboard: without this, the 50 would be left in
// the selling screen's field and the Enter would pay the exact amount. The selling screen keeps here
// what was typed after Pay; the tender screen starts from it.

export interface TypedAhead {
  text: string;
  /** Enter was pressed after it: the tender pays it as soon as it is up. */
  enter: boolean;
}

export class PayTypeAhead {
  /** The selling screen's entry when Pay was pressed; null while no Pay waits. */
  private before: string | null = null;
  private typed: TypedAhead = { text: '', enter: false };

  /** Pay was pressed and the tender screen is not up yet. */
  get waiting(): boolean {
    return this.before !== null;
  }

  /** Pay pressed with `entry` in the selling screen's field (what was there before is the sale's). */
  begin(entry: string): void {
    this.before = entry;
    this.typed = { text: '', enter: false };
  }

  /** The selling screen's field reads `entry`; `enter`: the cashier pressed Enter on it. */
  keep(entry: string, enter = false): void {
    if (this.before === null || this.typed.enter) return;
    const text = entry.startsWith(this.before) ? entry.slice(this.before.length) : entry;
    this.typed = { text: text.trim(), enter };
  }

  /** The tender screen takes what was typed after Pay; nothing waits after. */
  take(): TypedAhead {
    const typed = this.typed;
    this.cancel();
    return typed;
  }

  /** Pay did not open the tender screen (nothing to pay, an ID check first). */
  cancel(): void {
    this.before = null;
    this.typed = { text: '', enter: false };
  }
}
