import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../test/helpers/temp-db';
import {
  acknowledgeCall,
  handleCall,
  handleCallsOfKind,
  laneMode,
  markCallsDelivered,
  openLaneCalls,
  raiseLaneCall,
  setLaneMode,
} from './lane-calls';

const temp = useTempDatabase();

describe('lane calls', () => {
  it('keeps one open call per kind and payment, oldest first, and survives a reopen', () => {
    const help = raiseLaneCall(temp.db, { kind: 'help', detail: '' }, new Date('2026-12-07T10:00:00Z'));
    expect(raiseLaneCall(temp.db, { kind: 'help', detail: '' }).id).toBe(help.id);
    raiseLaneCall(
      temp.db,
      { kind: 'payment-unconfirmed', detail: '', paymentId: 'p1' },
      new Date('2026-12-07T10:01:00Z'),
    );
    raiseLaneCall(
      temp.db,
      { kind: 'payment-unconfirmed', detail: '', paymentId: 'p2' },
      new Date('2026-12-07T10:02:00Z'),
    );
    temp.reopen();
    expect(openLaneCalls(temp.db).map((c) => [c.kind, c.payment_id])).toEqual([
      ['help', null],
      ['payment-unconfirmed', 'p1'],
      ['payment-unconfirmed', 'p2'],
    ]);
  });

  it('marks delivery and acknowledgement once, and a handled call leaves the open list', () => {
    const help = raiseLaneCall(temp.db, { kind: 'help', detail: '' });
    expect(markCallsDelivered(temp.db, [help.id, 'nobody'])).toBe(1);
    expect(markCallsDelivered(temp.db, [help.id])).toBe(0);
    expect(acknowledgeCall(temp.db, help.id)).toBe(true);
    expect(handleCall(temp.db, help.id, 'C01')).toBe(true);
    expect(handleCall(temp.db, help.id, 'C01')).toBe(false);
    expect(acknowledgeCall(temp.db, help.id)).toBe(false);
    expect(openLaneCalls(temp.db)).toEqual([]);
    expect(raiseLaneCall(temp.db, { kind: 'help', detail: '' }).id).not.toBe(help.id);
  });

  it('settles the calls of one payment only, and refuses a kind it does not know', () => {
    raiseLaneCall(temp.db, { kind: 'payment-unconfirmed', detail: '', paymentId: 'p1' });
    raiseLaneCall(temp.db, { kind: 'payment-unconfirmed', detail: '', paymentId: 'p2' });
    expect(handleCallsOfKind(temp.db, 'payment-unconfirmed', 'lane', { paymentId: 'p1' })).toBe(1);
    expect(openLaneCalls(temp.db).map((c) => c.payment_id)).toEqual(['p2']);
    expect(() => raiseLaneCall(temp.db, { kind: 'coffee', detail: '' })).toThrow(/CHECK/);
  });

  it('is open until paused or closed, and keeps the mode across a reopen', () => {
    expect(laneMode(temp.db)).toBe('open');
    setLaneMode(temp.db, 'paused');
    temp.reopen();
    expect(laneMode(temp.db)).toBe('paused');
    expect(() => setLaneMode(temp.db, 'gone' as 'open')).toThrow(/CHECK/);
  });
});
