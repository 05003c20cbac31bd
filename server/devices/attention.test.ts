import { describe, expect, it } from 'vitest';
import { attentionOf, type DeviceFacts } from './attention';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const min = 60_000;
const healthy: DeviceFacts = {
  revoked: false,
  enrolledAt: NOW - 60 * min,
  lastSeenAt: NOW - min,
  reportedAt: NOW - min,
  clockSkewMs: 300,
  catalogVersion: 7,
  softwareVersion: '0.1.0',
  pendingSales: 0,
  oldestWaitingAt: null,
};
const hq = { catalogVersion: 7, softwareVersion: '0.1.0' };

describe('which devices need a look', () => {
  it('leaves a device that synced a minute ago alone', () => {
    expect(attentionOf(healthy, hq, NOW)).toEqual([]);
  });

  it('flags a device never seen, or silent for more than 15 minutes', () => {
    expect(attentionOf({ ...healthy, lastSeenAt: null, reportedAt: null }, hq, NOW)).toEqual(['never_seen']);
    expect(attentionOf({ ...healthy, lastSeenAt: NOW - 16 * min }, hq, NOW)).toEqual(['not_seen']);
    expect(attentionOf({ ...healthy, lastSeenAt: NOW - 14 * min }, hq, NOW)).toEqual([]);
  });

  it('flags sales waiting more than 15 minutes, a clock 2 minutes off, a catalog left behind', () => {
    const waiting = { ...healthy, pendingSales: 12, oldestWaitingAt: NOW - 40 * min };
    expect(attentionOf(waiting, hq, NOW)).toEqual(['sales_waiting']);
    expect(attentionOf({ ...waiting, oldestWaitingAt: NOW - 5 * min }, hq, NOW)).toEqual([]);
    expect(attentionOf({ ...healthy, clockSkewMs: -2 * min }, hq, NOW)).toEqual(['clock_off']);
    // Just announced: the device has not had its chance to catch up yet.
    expect(attentionOf({ ...healthy, catalogVersion: 6 }, hq, NOW)).toEqual([]);
    expect(attentionOf({ ...healthy, catalogVersion: 6, reportedAt: NOW - 6 * min }, hq, NOW)).toEqual([
      'catalog_behind',
    ]);
    expect(attentionOf({ ...healthy, softwareVersion: '0.0.9' }, hq, NOW)).toEqual(['software_differs']);
  });

  it('asks nothing of a revoked device', () => {
    expect(attentionOf({ ...healthy, revoked: true, lastSeenAt: null }, hq, NOW)).toEqual([]);
  });
});
