// What every checkout handler works with.
import { compileCodePatterns, type CompiledCodePatterns } from '../../core/barcode/code-patterns';
import type { Database } from '../../db/open';
import type { EventHub } from '../events';
import type { Settings } from '../settings';

export interface CheckoutContext {
  db: Database;
  settings: Settings;
  events: EventHub;
  /** The store's wallet, member and staff patterns, compiled once. */
  patterns: CompiledCodePatterns;
}

/** The context of a checkout; settings were validated on load, so their patterns compile. */
export function createCheckoutContext(db: Database, settings: Settings, events: EventHub): CheckoutContext {
  const compiled = compileCodePatterns(settings.codePatterns);
  if (!compiled.ok) throw new Error(`settings.codePatterns: ${compiled.message}`);
  return { db, settings, events, patterns: compiled.value };
}
