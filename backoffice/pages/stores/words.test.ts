import { describe, expect, it } from 'vitest';
import type { DeviceView } from '../../../server/devices/queries';
import { ago, catalogLine, clockLine, waitingLine } from './words';
import { storeTexts } from './texts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const en = storeTexts.en;
const zh = storeTexts['zh-CN'];
const device = (over: Partial<DeviceView> = {}): DeviceView => ({
  deviceId: 'd',
  storeCode: 'S001',
  name: 'K01',
  terminalId: 'K01',
  role: 'kiosk',
  enrolledAt: '2026-12-01T00:00:00Z',
  lastSeenAt: '2026-12-07T11:57:00Z',
  reportedAt: '2026-12-07T11:57:00Z',
  clockSkewMs: 0,
  softwareVersion: '0.1.0',
  catalogVersion: 12,
  outbox: { pending: 0, pendingSales: 0, oldestAt: null },
  revoked: false,
  revokedAt: null,
  revokedBy: null,
  attention: [],
  ...over,
});

describe('a device in plain words', () => {
  it('says when it was last seen', () => {
    expect(ago(en, '2026-12-07T11:57:00Z', NOW)).toBe('3 min ago');
    expect(ago(zh, '2026-12-07T11:57:00Z', NOW)).toBe('3 分钟前');
    expect(ago(en, '2026-12-07T11:59:50Z', NOW)).toBe('just now');
    expect(ago(en, null, NOW)).toBe('never');
  });

  it('counts the sales waiting and the age of the oldest', () => {
    const waiting = device({ outbox: { pending: 40, pendingSales: 12, oldestAt: '2026-12-07T11:20:00Z' } });
    expect(waitingLine(en, waiting, NOW)).toBe('12 sales waiting, oldest 40 min');
    expect(waitingLine(zh, waiting, NOW)).toBe('12 笔销售待上传，最早 40 分钟');
    expect(waitingLine(en, device(), NOW)).toBe('nothing waiting');
    expect(waitingLine(en, device({ outbox: null }), NOW)).toBe('not reported');
  });

  it('says which way the clock is off, and whether the catalog is current', () => {
    expect(clockLine(en, -2 * 60_000)).toBe('2 min fast');
    expect(clockLine(en, 3 * 60_000)).toBe('3 min slow');
    expect(clockLine(zh, -2 * 60_000)).toBe('快 2 分钟');
    expect(clockLine(en, 800)).toBe('in step');
    const hq = { catalogVersion: 12, softwareVersion: '0.1.0' };
    expect(catalogLine(en, device(), hq)).toBe('version 12 · up to date');
    expect(catalogLine(en, device({ catalogVersion: 9 }), hq)).toBe('version 9 · HQ has 12');
  });
});
