import { describe, expect, it } from 'vitest';
import type { SyncView } from '../../services/api/contract';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { clockLine, syncLine } from './SyncStatus';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const view = (online: boolean, outbox: Partial<SyncView['outbox']> = {}): SyncView => ({
  catalog: { products: 590, version: 12 },
  outbox: { pending: 0, pendingSales: 0, oldestAgeSeconds: null, stale: false, deadLetters: 0, ...outbox },
  sync: {
    enrolled: true,
    serverUrl: 'http://hq:8430',
    online,
    lastSyncAt: '2026-12-01T11:58:00Z',
    lastAttemptAt: '2026-12-01T11:58:00Z',
    lastError: online ? null : 'HQ cannot be reached',
    clockSkewMs: null,
  },
});

describe('the HQ status line', () => {
  it('says when it last synced, in both languages', () => {
    expect(syncLine(en, view(true), NOW)).toBe('Synced 2 min ago');
    expect(syncLine(zhCN, view(true), NOW)).toBe('已同步 · 2 分钟前');
    expect(syncLine(en, view(true), Date.parse('2026-12-01T11:58:20Z'))).toBe('Synced just now');
  });

  it('counts the sales waiting and the age of the oldest while offline', () => {
    const waiting = view(false, {
      pending: 60,
      pendingSales: 12,
      oldestAgeSeconds: 3 * 3600 + 5,
      stale: true,
    });
    expect(syncLine(en, waiting, NOW)).toBe('Offline — 12 sales waiting, oldest 3 h');
    expect(syncLine(zhCN, waiting, NOW)).toBe('离线 — 12 笔销售待上传，最早 3 小时');
    expect(syncLine(en, view(false, { pending: 5, pendingSales: 1, oldestAgeSeconds: 30 }), NOW)).toBe(
      'Offline — 1 sale waiting, oldest 30 s',
    );
    expect(syncLine(en, view(false), NOW)).toBe('Offline');
  });

  it('says so before the first sync', () => {
    const never = view(true);
    never.sync.lastSyncAt = null;
    expect(syncLine(en, never, NOW)).toBe('Not synced yet');
  });
});

describe('the till clock against HQ', () => {
  it('says how far off, and which way, in both languages', () => {
    // Skew is HQ minus the till: positive means the till is behind.
    expect(clockLine(en, 3 * 60_000 + 5000)).toBe('Clock 3 min behind HQ');
    expect(clockLine(en, -45_000)).toBe('Clock 45 s ahead of HQ');
    expect(clockLine(zhCN, 3 * 60_000)).toBe('本机时钟比总部慢 3 分钟');
    expect(clockLine(zhCN, -2 * 3600_000)).toBe('本机时钟比总部快 2 小时');
  });

  it('calls a network-sized difference in step, and says nothing before HQ has answered', () => {
    expect(clockLine(en, 800)).toBe('Clock in step with HQ');
    expect(clockLine(en, -1999)).toBe('Clock in step with HQ');
    expect(clockLine(en, null)).toBeNull();
  });
});
