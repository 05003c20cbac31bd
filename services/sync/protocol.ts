// What HQ answers, checked before the terminal believes it: a wrong or garbled reply is an error that
// names the field, and changes nothing. The shapes are core/sync's; each schema is typed against its
// shape, so the two cannot drift.
import { z } from 'zod';
import { MAX_NAME } from '../../core/catalog/import-rows';
import { isNetContent, MAX_NET_CONTENT } from '../../core/catalog/net-content';
import { isPlu, namesProblem } from '../../core/catalog/produce-columns';
import { CURRENCY_CODE } from '../../core/money';
import { MAX_PER_BASKET, windowsProblem, type TimeWindow } from '../../core/restrictions';
import type {
  BatchReply,
  CatalogPage,
  CatalogProduct,
  CatalogTombstone,
  EnrolReply,
  EventResult,
  LinkReply,
  TokenReply,
} from '../../core/sync';
import type { ErrorInfo } from '../../core/result';

export type { BatchReply, CatalogProduct } from '../../core/sync';

export const enrolReply = z.object({
  deviceId: z.string().min(1),
  secret: z.string().min(1),
  storeCode: z.string().min(1),
  // An HQ older than the lane link sends none; the terminal then keeps to settings.json's key.
  storeKey: z.string().min(32).max(512).optional(),
}) satisfies z.ZodType<EnrolReply>;

const terminalId = z.string().regex(/^[A-Za-z0-9]{1,8}$/);

export const linkReply = z.object({
  storeCode: z.string().min(1),
  storeKey: z.string().min(32).max(512),
  previousStoreKey: z.string().min(32).max(512).nullable(),
  lanes: z.array(z.object({ terminalId, name: z.string().max(64).nullable() })).max(1000),
  storeName: z.string().max(200).nullable().optional(),
}) satisfies z.ZodType<LinkReply>;

export const tokenReply = z.object({
  token: z.string().min(1),
  expiresAt: z.string().min(1),
  storeCode: z.string().min(1),
}) satisfies z.ZodType<TokenReply>;

const eventResult = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.enum(['applied', 'duplicate']) }),
  z.object({
    id: z.string().nullable(),
    status: z.literal('rejected'),
    code: z.string(),
    reason: z.string(),
  }),
]) satisfies z.ZodType<EventResult>;

export const batchReply = z.object({
  results: z.array(eventResult),
  receivedAt: z.string(),
  clockSkewMs: z.number().nullable(),
  warnings: z.array(z.looseObject({ code: z.string() })).default([]),
}) satisfies z.ZodType<BatchReply>;

/** A catalog item as sent, before its own check. */
export interface RawCatalogItem {
  gtin: string;
  version: number;
  deleted: boolean;
  [field: string]: unknown;
}

// A predicate, not an object schema: a snapshot is a million items, and zod would copy every one.
const rawItem = z.custom<RawCatalogItem>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RawCatalogItem).gtin === 'string' &&
    typeof (value as RawCatalogItem).version === 'number' &&
    typeof (value as RawCatalogItem).deleted === 'boolean',
  'each item needs a gtin, a version and deleted',
);

/** A catalog item as sent; each is checked again on its own before it touches the catalog. */
export const catalogReply = z.object({
  items: z.array(rawItem),
  nextCursor: z.string().min(1),
  more: z.boolean(),
  catalogVersion: z.number().int().nonnegative(),
}) satisfies z.ZodType<CatalogPage<RawCatalogItem>>;
export type CatalogReply = CatalogPage<RawCatalogItem>;

export const catalogProduct = z.object({
  gtin: z.string().regex(/^\d{14}$/, 'must be a GTIN-14'),
  version: z.number().int().nonnegative(),
  deleted: z.literal(false),
  barcode: z.string().regex(/^(\d{8}|\d{12,14})$/, 'must be 8, 12, 13 or 14 digits'),
  name: z.string().refine((n) => n.trim().length > 0, 'must not be empty'),
  currency: z.string().regex(CURRENCY_CODE),
  price: z.number().int().nonnegative().safe(),
  taxRateBp: z.number().int().min(0).max(10_000),
  unit: z.enum(['each', 'kg']),
  ageLimit: z.number().int().min(1).max(99).nullable(),
  department: z.string().nullable(),
  // Absent from an HQ older than its migration 0009: no names, no PLU, not in the grid.
  names: z
    .record(z.string(), z.string())
    .nullable()
    .optional()
    .superRefine((names, ctx) => {
      const problem = namesProblem(names, MAX_NAME);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  plu: z
    .string()
    .regex(/^\d{4,5}$/, 'must be a PLU of 4 or 5 digits')
    .nullable()
    .optional(),
  grid: z.boolean().optional(),
  // Absent from an HQ older than its migration 0016: no net content, no unit price for a piece.
  netContent: z
    .object({ amount: z.number().int().min(1).max(MAX_NET_CONTENT), unit: z.enum(['g', 'ml']) })
    .nullable()
    .optional(),
  // Absent from an HQ older than its migration 0024 (issue 14): no sale restrictions of its own.
  noSale: z
    .array(z.object({ from: z.string(), to: z.string() }))
    .nullable()
    .optional()
    .refine((w) => isNoSale(w), 'must be at most 8 windows of HH:MM times, from and to differing'),
  maxPerBasket: z.number().int().min(1).max(MAX_PER_BASKET).nullable().optional(),
}) satisfies z.ZodType<CatalogProduct>;

const GTIN14 = /^\d{14}$/;
const BARCODE = /^(\d{8}|\d{12,14})$/;
const whole = (value: unknown, min: number, max: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/**
 * catalogProduct's checks written out by hand, for the million items of a snapshot (zod's parse and copy
 * of each was a large part of applying a page). Null when any check fails: catalogProduct then says why.
 */
export function checkCatalogProduct(raw: RawCatalogItem): CatalogProduct | null {
  const { gtin, version, deleted, barcode, name, currency, price, taxRateBp, unit, ageLimit, department } =
    raw;
  const { names, plu, grid, netContent, noSale, maxPerBasket } = raw;
  const ok =
    typeof gtin === 'string' && // RegExp.test would read a number as its digits
    GTIN14.test(gtin) &&
    whole(version, 0, Number.MAX_SAFE_INTEGER) &&
    deleted === false &&
    typeof barcode === 'string' &&
    BARCODE.test(barcode) &&
    typeof name === 'string' &&
    name.trim().length > 0 &&
    typeof currency === 'string' &&
    CURRENCY_CODE.test(currency) &&
    whole(price, 0, Number.MAX_SAFE_INTEGER) &&
    whole(taxRateBp, 0, 10_000) &&
    (unit === 'each' || unit === 'kg') &&
    (ageLimit === null || whole(ageLimit, 1, 99)) &&
    (department === null || typeof department === 'string') &&
    namesProblem(names, MAX_NAME) === null &&
    isPlu(plu) &&
    (grid === undefined || typeof grid === 'boolean') &&
    isNetContent(netContent) &&
    isNoSale(noSale) &&
    (maxPerBasket === undefined || maxPerBasket === null || whole(maxPerBasket, 1, MAX_PER_BASKET));
  if (!ok) return null;
  return {
    gtin,
    version,
    deleted,
    barcode,
    name,
    currency,
    price,
    taxRateBp,
    unit,
    ageLimit,
    department,
    // Only the fields HQ sent, as the schema gives them back (an older HQ sends none of these).
    ...(names !== undefined ? { names: names as CatalogProduct['names'] } : {}),
    ...(plu !== undefined ? { plu: plu as string | null } : {}),
    ...(grid !== undefined ? { grid: grid as boolean } : {}),
    ...(netContent !== undefined ? { netContent: netContent && copyNetContent(netContent) } : {}),
    ...(noSale !== undefined ? { noSale: noSale && copyWindows(noSale as TimeWindow[]) } : {}),
    ...(maxPerBasket !== undefined ? { maxPerBasket: maxPerBasket as number | null } : {}),
  } as CatalogProduct;
}

/** Whether a feed's `noSale` is absent, null, or at most 8 windows HQ could have written. */
function isNoSale(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!Array.isArray(value)) return false;
  const shaped = value.every(
    (w: unknown) =>
      typeof w === 'object' &&
      w !== null &&
      typeof (w as TimeWindow).from === 'string' &&
      typeof (w as TimeWindow).to === 'string',
  );
  return shaped && windowsProblem(value as TimeWindow[]) === null;
}

const copyWindows = (windows: readonly TimeWindow[]): TimeWindow[] =>
  windows.map(({ from, to }) => ({ from, to }));

/** Only the two fields, as zod's parse gives them back: nothing else HQ put in the object is kept. */
function copyNetContent(value: object): CatalogProduct['netContent'] {
  const { amount, unit } = value as { amount: number; unit: 'g' | 'ml' };
  return { amount, unit };
}

export const catalogTombstone = z.object({
  gtin: z.string().regex(/^\d{14}$/, 'must be a GTIN-14'),
  version: z.number().int().nonnegative(),
  deleted: z.literal(true),
}) satisfies z.ZodType<CatalogTombstone>;

export const failureReply = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
}) satisfies z.ZodType<{ ok: false; error: ErrorInfo }>;
