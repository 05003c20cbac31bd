// What every checkout handler works with.
import type { Database } from '../../db/open';
import type { EventHub } from '../events';
import type { Settings } from '../settings';

export interface CheckoutContext {
  db: Database;
  settings: Settings;
  events: EventHub;
}
