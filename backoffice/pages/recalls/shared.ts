// What the recall screens share: the types HQ answers with, who may change recalls, and how a recall's
// scope and an attempt's match read.
import type { RecallAttemptView, RecallView } from '../../../server/recalls/records';
import type { Role } from '../../../server/office/access';
import { fill } from '../../i18n';
import type { recallTexts } from './texts';

export type { RecallAttemptView, RecallView };
export type RecallWords = (typeof recallTexts)['en'];

/** The roles HQ grants `recalls.write` (server/office/access.ts); HQ decides anyway. */
export function canWriteRecalls(role: Role): boolean {
  return role === 'admin' || role === 'category_manager';
}

export function productLabel(t: RecallWords, recall: RecallView): string {
  return recall.productName ?? `${t.unknownProduct} (${recall.gtin})`;
}

export function scopeText(t: RecallWords, recall: RecallView): string {
  const parts: string[] = [];
  if (recall.lots.length > 0) parts.push(fill(t.lotsList, { values: recall.lots.join(', ') }));
  if (recall.serials.length > 0) parts.push(fill(t.serialsList, { values: recall.serials.join(', ') }));
  return parts.length > 0 ? parts.join('; ') : t.everyPack;
}

export function matchText(t: RecallWords, match: string | null): string {
  switch (match) {
    case 'gtin':
      return t.matchGtin;
    case 'lot':
      return t.matchLot;
    case 'serial':
      return t.matchSerial;
    case 'unknown':
      return t.matchUnknown;
    default:
      return match ?? '';
  }
}

export function roleText(t: RecallWords, role: string | null): string {
  return role === 'kiosk' ? t.kiosk : role === 'counter' ? t.counter : (role ?? '');
}
