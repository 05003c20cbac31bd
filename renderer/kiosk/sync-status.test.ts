import { describe, expect, it } from 'vitest';
import type { SyncView } from '../../services/api/contract';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { clockLine, helpSyncLines, syncLine } from './SyncStatus';

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

describe('Help and the header', () => {
  it('say the same about the sync, whatever the catalog: one synced with HQ whose catalog is still empty', () => {
    const empty = view(true);
    empty.catalog = { products: 0, version: 0 };
    expect(syncLine(en, empty, NOW)).toBe('Synced 2 min ago');
    expect(helpSyncLines(en, empty, NOW)).toEqual({
      status: 'HQ · Synced 2 min ago',
      catalog: 'No catalog from HQ yet · 0 products',
    });
    expect(helpSyncLines(zhCN, empty, NOW)).toEqual({
      status: `总部 · ${syncLine(zhCN, empty, NOW)}`,
      catalog: '尚未收到总部的商品目录 · 0 种商品',
    });
  });

  it('never says "Not synced yet" in Help unless the header does', () => {
    const cases: SyncView[] = [
      view(true),
      view(false),
      view(false, { pendingSales: 2, oldestAgeSeconds: 60 }),
    ];
    const never = view(true);
    never.sync.lastSyncAt = null;
    cases.push(never);
    for (const sync of [...cases, ...cases.map((c) => ({ ...c, catalog: { products: 3, version: 0 } }))]) {
      const help = helpSyncLines(en, sync, NOW);
      expect(help.status).toBe(`HQ · ${syncLine(en, sync, NOW)}`);
      expect(help.catalog).not.toMatch(/Not synced yet/);
    }
  });

  it('shows the catalog version once there is one, and no status line without HQ', () => {
    expect(helpSyncLines(en, view(true), NOW).catalog).toBe('Catalog version 12 · 590 products');
    const alone = view(false);
    alone.sync.enrolled = false;
    expect(helpSyncLines(en, alone, NOW)).toEqual({ status: null, catalog: 'Not connected to HQ' });
  });
});

describe('a terminal HQ removed', () => {
  it('says it was removed and must be enrolled again, in both languages', () => {
    const removed = view(false, { pending: 3, pendingSales: 1, oldestAgeSeconds: 60 });
    removed.sync.lastError = 'HQ refused the token: this device has been revoked; enrol it again';
    removed.sync.lastErrorCode = 'device_revoked';
    expect(syncLine(en, removed, NOW)).toBe('Removed from HQ — enrol this terminal again');
    expect(syncLine(zhCN, removed, NOW)).toBe('已被总部移除 — 请重新注册本终端');
    // Enrolled again and synced: the old refusal is gone with the error.
    expect(syncLine(en, view(true), NOW)).toBe('Synced 2 min ago');
  });
});
