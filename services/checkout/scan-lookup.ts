// From what a scanner sent to a product: strip the AIM identifier, tell payment codes from products,
// try every GTIN the code can stand for (an 8-digit code is an EAN-8 or a UPC-E), and say calmly
// why when nothing fits. Nothing here writes.
import { checkGtin } from '../../core/barcode/gtin';
import { splitSymbologyId } from '../../core/barcode/symbology';
import { expandUpcE } from '../../core/barcode/upc-e';
import type { Product } from '../../core/types';
import { findProduct } from '../../db/catalog';
import type { Database } from '../../db/open';

export type ScanLookup = { ok: true; product: Product } | { ok: false; code: string; message: string };

/** WeChat Pay (18 digits, 10–15…) and Alipay (16–24 digits, 25–30…) payment codes: money, never a product. */
const WALLET_CODE = /^(1[0-5]\d{16}|(2[5-9]|30)\d{14,22})$/;

export function lookupScan(db: Database, raw: string): ScanLookup {
  const { aim, data } = splitSymbologyId(raw.trim());
  if (!data) return refuse('invalid_code', 'The scan was empty');
  if (WALLET_CODE.test(data)) {
    return refuse(
      'payment_code',
      'This is a wallet payment code; it is read at the Pay step, not as an item',
    );
  }
  const candidates = aim?.gs1 ? gtinOfElementString(data) : retailCandidates(data, aim?.id);
  if (typeof candidates === 'string') return refuse('invalid_code', candidates);
  for (const gtin of candidates) {
    const product = findProduct(db, gtin);
    if (product) return { ok: true, product };
  }
  return refuse('item_not_found', `No product with barcode ${data} in the catalog`);
}

/** GTIN-14s an EAN/UPC scan can stand for, or why it cannot be one. */
function retailCandidates(data: string, aimId: string | undefined): string[] | string {
  const gtin = checkGtin(data);
  if (data.length !== 8)
    return gtin.ok ? [gtin.gtin14] : `This code cannot be read as a product barcode: ${gtin.message}`;
  // Eight digits: `]E4` says EAN-8; without an identifier both EAN-8 and UPC-E are tried.
  const upcA = aimId === ']E4' ? null : expandUpcE(data);
  const found = [
    ...(gtin.ok && aimId !== ']E0' ? [gtin.gtin14] : []),
    ...(upcA ? [upcA.padStart(14, '0')] : []),
  ];
  return found.length ? found : `"${data}" is neither a valid EAN-8 nor a valid UPC-E`;
}

/** The GTIN (AI 01) at the start of a GS1 element string; the other AIs are read in a later version. */
function gtinOfElementString(data: string): string[] | string {
  const match = /^01(\d{14})/.exec(data);
  if (!match) return 'This GS1 code does not start with a GTIN (AI 01)';
  const gtin = checkGtin(match[1]!);
  return gtin.ok ? [gtin.gtin14] : `The GTIN in this GS1 code is wrong: ${gtin.message}`;
}

function refuse(code: string, message: string): ScanLookup {
  return { ok: false, code, message };
}
