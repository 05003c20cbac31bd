// A recall from HQ as a lane stores it after a pull, for tests: the test store's milk, recalled whole
// unless the test says which lots or serials.
import type { RecallFeedItem } from '../../core/recalls';
import type { Database } from '../../db/open';
import { saveRecalls } from '../../db/recalls';
import { PRODUCTS } from './checkout';

export const TEST_RECALL_ID = '0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b';

/** Stores one recall (replacing the one with its id), as a pull of HQ's feed would. */
export function saveTestRecall(db: Database, over: Partial<RecallFeedItem> = {}): void {
  saveRecalls(
    db,
    [
      {
        id: TEST_RECALL_ID,
        gtin: PRODUCTS.milk.gtin,
        lots: [],
        serials: [],
        reason: 'possible contamination',
        active: true,
        createdAt: '2026-12-07T09:00:00.000Z',
        endedAt: null,
        ...over,
      },
    ],
    '1:x',
    new Date(),
  );
}
