// The recall list as HQ's feed fills it: pages replace recalls by id, an end makes one inactive, the
// whole list can be read again, and a refusal is one outbox event.
import { describe, expect, it } from 'vitest';
import type { RecallFeedItem } from '../core/recalls';
import { useTempDatabase } from '../test/helpers/temp-db';
import { pendingEvents } from './outbox';
import {
  activeRecallCount,
  activeRecallsOf,
  recallFeedCursor,
  recordRecallBlocked,
  saveRecalls,
} from './recalls';

const temp = useTempDatabase();
const GTIN = '09506000134352';
const NOW = new Date('2026-12-07T10:00:00Z');
const item = (id: string, over: Partial<RecallFeedItem> = {}): RecallFeedItem => ({
  id,
  gtin: GTIN,
  lots: [],
  serials: [],
  reason: 'possible contamination',
  active: true,
  createdAt: NOW.toISOString(),
  endedAt: null,
  ...over,
});

describe('the recall list', () => {
  it('keeps each recall with its lots and serials, and the cursor after the page', () => {
    expect(recallFeedCursor(temp.db)).toBe('0');
    saveRecalls(temp.db, [item('r1', { lots: ['L1', 'L2'], serials: ['S9'] }), item('r2')], '2:r2', NOW);
    expect(recallFeedCursor(temp.db)).toBe('2:r2');
    expect(activeRecallsOf(temp.db, GTIN)).toEqual([
      { id: 'r1', gtin: GTIN, reason: 'possible contamination', lots: ['L1', 'L2'], serials: ['S9'] },
      { id: 'r2', gtin: GTIN, reason: 'possible contamination', lots: [], serials: [] },
    ]);
    expect(activeRecallsOf(temp.db, '04006381333931')).toEqual([]);
  });

  it('replaces a recall sent again (ended, or its lots changed) and can drop what HQ no longer has', () => {
    saveRecalls(temp.db, [item('r1', { lots: ['L1'] }), item('r2')], '2:r2', NOW);
    saveRecalls(
      temp.db,
      [item('r1', { lots: ['L3'] }), item('r2', { active: false, endedAt: NOW.toISOString() })],
      '4:r2',
      NOW,
    );
    expect(activeRecallsOf(temp.db, GTIN)).toMatchObject([{ id: 'r1', lots: ['L3'] }]);
    expect(activeRecallCount(temp.db)).toBe(1);
    saveRecalls(temp.db, [item('r5', { serials: ['S1'] })], '1:r5', NOW, { replace: true });
    expect(activeRecallsOf(temp.db, GTIN).map((r) => r.id)).toEqual(['r5']);
    expect(recallFeedCursor(temp.db)).toBe('1:r5');
  });

  it('writes a refusal as one recall.blocked outbox event', () => {
    recordRecallBlocked(
      temp.db,
      {
        recallId: 'r1',
        gtin: GTIN,
        match: 'lot',
        lot: 'L1',
        serial: null,
        code: 'x',
        terminalId: 'K01',
        role: 'kiosk',
        staffId: null,
      },
      NOW,
    );
    expect(pendingEvents(temp.db, 10)).toMatchObject([
      {
        type: 'recall.blocked',
        payload: { recallId: 'r1', lot: 'L1', terminalId: 'K01' },
        occurredAt: NOW.toISOString(),
      },
    ]);
  });
});
