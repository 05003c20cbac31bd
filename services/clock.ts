// The terminal's clock for what depends on the time of day: which price is in force when an item is
// scanned, priced or labelled (effective-dated prices, issue 13). One function, carried in the
// CheckoutContext, so tests can set the time; a store always runs on the system clock.
//
// `openlane serve` reads OPENLANE_TEST_CLOCK_FILE (end-to-end tests only): a file holding an ISO time,
// read on every call, so a test moves a running terminal's time by rewriting the file. Without the file,
// or while it does not hold a valid time, the system clock answers.
import { readFileSync } from 'node:fs';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const TEST_CLOCK_ENV = 'OPENLANE_TEST_CLOCK_FILE';

/** A clock read from a file (see above); the system clock when the file is missing or holds no time. */
export function fileClock(path: string): Clock {
  return () => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch {
      return new Date();
    }
    const at = Date.parse(text);
    return Number.isFinite(at) ? new Date(at) : new Date();
  };
}
