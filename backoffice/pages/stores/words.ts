// A device's state in plain words: "last seen 3 min ago", "12 sales waiting, oldest 40 min", "clock
// 2 min fast". Pure, so the sentences are unit-tested in both languages.
import type { DeviceView, HqFacts } from '../../../server/devices/queries';
import { fill } from '../../i18n';
import type { StoreWords } from './texts';

/** A length of time as people say it: 45 s, 3 min, 2 h, 4 days. */
export function duration(t: StoreWords, ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return fill(t.seconds, { n: s });
  if (s < 3600) return fill(t.minutes, { n: Math.floor(s / 60) });
  if (s < 2 * 86_400) return fill(t.hours, { n: Math.floor(s / 3600) });
  return fill(t.days, { n: Math.floor(s / 86_400) });
}

/** "3 min ago", "just now", or "never". */
export function ago(t: StoreWords, iso: string | null, now: number): string {
  if (iso === null) return t.never;
  const ms = now - Date.parse(iso);
  if (ms < 30_000) return t.justNow;
  return fill(t.ago, { t: duration(t, ms) });
}

export function waitingLine(t: StoreWords, device: DeviceView, now: number): string {
  const outbox = device.outbox;
  if (!outbox) return t.notReported;
  if (outbox.pending === 0) return t.nothingWaiting;
  const oldest = duration(t, outbox.oldestAt ? now - Date.parse(outbox.oldestAt) : 0);
  if (outbox.pendingSales === 1) return fill(t.oneSaleWaiting, { t: oldest });
  if (outbox.pendingSales > 1) return fill(t.salesWaiting, { n: outbox.pendingSales, t: oldest });
  return fill(t.eventsWaiting, { n: outbox.pending, t: oldest });
}

export function catalogLine(t: StoreWords, device: DeviceView, hq: HqFacts): string {
  if (device.catalogVersion === null) return t.notReported;
  if (device.catalogVersion >= hq.catalogVersion) return fill(t.catalogCurrent, { v: device.catalogVersion });
  return fill(t.catalogBehind, { v: device.catalogVersion, hq: hq.catalogVersion });
}

/** Below this the difference is the network's delay, not a wrong clock (as the terminal says it). */
const IN_STEP_MS = 2000;

/** Skew is HQ minus the device: positive means the device's clock is behind (slow). */
export function clockLine(t: StoreWords, skewMs: number | null): string {
  if (skewMs === null) return t.notReported;
  if (Math.abs(skewMs) < IN_STEP_MS) return t.clockInStep;
  return fill(skewMs > 0 ? t.clockSlow : t.clockFast, { t: duration(t, Math.abs(skewMs)) });
}
