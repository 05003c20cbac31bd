// The terminal's settings live in DATA_DIR/settings.json beside the SQLite file, so store IT can read
// and edit them. A missing file is created with the demo store's defaults; a bad one is refused by name.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PublicSettings } from './api/contract';

const settingsSchema = z
  .object({
    storeId: z.string().regex(/^[A-Za-z0-9]{1,12}$/, 'letters and digits, at most 12'),
    terminalId: z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'letters and digits, at most 8'),
    storeName: z.string().min(1).max(80),
    storeAddress: z.string().max(200),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY or EUR'),
    taxMode: z.enum(['inclusive', 'exclusive']),
    /** Tax rate for imported rows that leave tax_rate empty, in basis points. */
    defaultTaxRateBp: z.number().int().min(0).max(10_000),
    defaultLanguage: z.enum(['en', 'zh-CN']),
    receiptIdleSeconds: z.number().int().min(3).max(600),
    paymentTimeoutSeconds: z.number().int().min(15).max(900),
    /** The e-receipt and loyalty sign-up link printed as the receipt's QR. */
    eReceiptBaseUrl: z.url(),
    /** What every serial scanner is programmed to send before / after a code; stripped on arrival. */
    scanner: z.object({ prefix: z.string().max(16), suffix: z.string().max(16) }).strict(),
    payment: z.object({
      provider: z.literal('simulator'),
      /** An external simulator's URL; null runs the built-in one beside the terminal. */
      url: z.url().nullable(),
      /** Port of the built-in simulator; 0 picks a free one. */
      port: z.number().int().min(0).max(65_535),
    }),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  storeId: 'S001',
  terminalId: 'K01',
  storeName: 'OpenLane Demo Market',
  storeAddress: '88 Harbour Road',
  currency: 'CNY',
  taxMode: 'inclusive',
  defaultTaxRateBp: 1300,
  defaultLanguage: 'en',
  receiptIdleSeconds: 20,
  paymentTimeoutSeconds: 120,
  eReceiptBaseUrl: 'https://receipts.openlane.example/r',
  scanner: { prefix: '', suffix: '' },
  payment: { provider: 'simulator', url: null, port: 0 },
};

export class SettingsError extends Error {}

/** Reads DATA_DIR/settings.json, creating it with defaults when missing. */
export function loadSettings(dataDir: string): Settings {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'settings.json');
  if (!existsSync(path)) {
    writeFileSync(path, JSON.stringify(DEFAULT_SETTINGS, null, 2) + '\n');
    return DEFAULT_SETTINGS;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SettingsError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  // Settings written by an older version lack newer keys: defaults fill them.
  const merged = { ...DEFAULT_SETTINGS, ...(raw as object) };
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new SettingsError(`${path} has bad settings — ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The settings the screen may see. */
export function publicSettings(settings: Settings): PublicSettings {
  return {
    storeName: settings.storeName,
    storeId: settings.storeId,
    terminalId: settings.terminalId,
    currency: settings.currency,
    taxMode: settings.taxMode,
    defaultLanguage: settings.defaultLanguage,
    languages: ['en', 'zh-CN'],
    receiptIdleSeconds: settings.receiptIdleSeconds,
    paymentTimeoutSeconds: settings.paymentTimeoutSeconds,
  };
}
