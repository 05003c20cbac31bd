/** The national scheme profiles, and running them over a payload. */
import { guiOf } from '../lookup';
import { networkOf } from '../spec';
import { isTemplate, type EmvDataObject, type EmvDeviation, type EmvProfileReport } from '../types';
import { payNow } from './paynow';
import { pix } from './pix';
import { promptPay } from './promptpay';
import type { EmvProfile } from './types';
import { vietQr } from './vietqr';

export type { EmvProfile, ProfileCheck } from './types';
export { pix, pixKeyType, cpfValid, cnpjValid } from './pix';
export { promptPay } from './promptpay';
export { payNow } from './paynow';
export { vietQr } from './vietqr';

/** Every national scheme OpenLane recognises. */
export const EMV_SCHEMES: readonly EmvProfile[] = [pix, promptPay, payNow, vietQr];

/** The schemes a payload carries, each with its first merchant account template. */
export function schemesOf(objects: readonly EmvDataObject[]): EmvProfile[] {
  return EMV_SCHEMES.filter((profile) => profile.accounts(objects).length > 0);
}

/**
 * A report and the deviations of every scheme template in the payload; when no national scheme is
 * present, one generic report naming the merchant accounts by network or GUI.
 */
export function checkProfiles(objects: readonly EmvDataObject[]): {
  reports: EmvProfileReport[];
  deviations: EmvDeviation[];
} {
  const reports: EmvProfileReport[] = [];
  const deviations: EmvDeviation[] = [];
  for (const profile of EMV_SCHEMES) {
    for (const account of profile.accounts(objects)) {
      const result = profile.check(account, objects);
      reports.push(result.report);
      deviations.push(...result.deviations);
    }
  }
  if (reports.length === 0) reports.push(genericReport(objects));
  return { reports, deviations };
}

function genericReport(objects: readonly EmvDataObject[]): EmvProfileReport {
  const accounts = objects.filter((o) => Number(o.id) >= 2 && Number(o.id) <= 51);
  const details = Object.fromEntries(
    accounts.map((o) => [o.id, isTemplate(o) ? (guiOf(o) ?? 'no GUI') : networkOf(o.id)]),
  );
  return { id: 'emv', name: 'EMVCo Merchant-Presented Mode (generic)', details };
}
