// The terminal's settings live in DATA_DIR/settings.json beside the SQLite file, so store IT can read
// and edit them. A missing file is created with the demo store's defaults; a bad one is refused by name.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  classifyCode,
  compileCodePatterns,
  DEFAULT_CODE_PATTERNS,
  type CompiledCodePatterns,
} from '../core/barcode/code-patterns';
import { STAFF_ROLES } from '../core/staff/roles';
import { PRESETS, schemeProblem, type VariableMeasureScheme } from '../core/barcode/variable-measure';
import { currencyExponent } from '../core/money';
import { isIsoCurrency } from '../core/payment/emv/currency';
import { describeIssues } from '../core/result';
import { jsonErrorLocation } from './json-location';
import { DEFAULT_RESTRICTIONS, restrictionSettingsSchema } from './checkout/restriction-settings';
import { printerSettingsSchema } from './receipts/printer-settings';
import { labelPrinterSettingsSchema } from './labels/label-printer-settings';
import { scaleSettingsSchema } from './scale/scale-settings';
import { PIN_HASH_PATTERN } from './staff/pin';
import { DEFAULT_LANE_LINK, laneLinkSettingsSchema } from './lanes/link-settings';
import { counterSettingsSchema, DEFAULT_COUNTER_SETTINGS } from './counter/counter-settings';
import type { PublicSettings, TerminalRole } from './api/contract';

const ruleSchema = z
  .object({
    prefixes: z.array(z.string().regex(/^\d{1,3}$/, 'one to three digits')).min(1),
    itemDigits: z.number().int(),
    measure: z.enum(['weight', 'price', 'count']),
    valueDigits: z.number().int(),
    decimals: z.number().int(),
    priceCheckDigit: z.boolean(),
  })
  .strict();

/** A preset's id, a rule table of the store's own, or null for a store that prints no scale labels. */
const variableMeasureSchema = z.union([
  z.enum(Object.keys(PRESETS) as [string, ...string[]]),
  z.object({ id: z.string().min(1), name: z.string().min(1), rules: z.array(ruleSchema).min(1) }).strict(),
  z.null(),
]);

const pattern = z.string().min(1);
const codePatternsSchema = z
  .object({
    wallet: z.array(z.object({ provider: z.string().min(1), pattern }).strict()),
    member: z.array(z.object({ program: z.string().min(1), pattern }).strict()),
    staff: z.array(z.object({ pattern }).strict()),
  })
  .strict();

/**
 * An attendant who may authorise an override at the kiosk (services/checkout/attendant-override.ts):
 * the whole code their staff badge scans as (it must match a staff code pattern), and their PIN as a
 * scrypt hash (services/staff/pin.ts) — never the PIN. `openlane staff add` writes these.
 * Staff are one list with roles (core/staff/roles.ts): a member written before roles existed has no
 * `role` and is read as `attendant`, which is what they could do then.
 */
const attendantSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - or _, at most 32'),
    name: z.string().trim().min(1).max(80),
    badge: z.string().min(1).max(64),
    pinHash: z.string().regex(PIN_HASH_PATTERN, 'a scrypt$N$r$p$salt$hash from `openlane staff add`'),
    role: z.enum(STAFF_ROLES).default('attendant'),
  })
  .strict();

export type Attendant = z.infer<typeof attendantSchema>;

const TERMINAL_ROLES = ['kiosk', 'counter', 'attendant', 'stock'] as const satisfies readonly TerminalRole[];

/** A path to a key file; the key itself never goes into settings.json. */
const keyPath = z
  .string()
  .min(1)
  .refine((value) => !value.includes('-----BEGIN'), 'a path to the key file, not the key itself');

/** Which payment provider the terminal uses: the built-in simulator, or WeChat Pay (services/payments/wechatpay). */
const paymentSchema = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('simulator'),
    /** An external simulator's URL; null runs the built-in one beside the terminal. */
    url: z.url().nullable(),
    /** Port of the built-in simulator; 0 picks a free one. */
    port: z.number().int().min(0).max(65_535),
  }),
  z
    .object({
      provider: z.literal('wechatpay'),
      baseUrl: z.url().default('https://api.mch.weixin.qq.com'),
      mchid: z.string().regex(/^\d{1,32}$/, 'the merchant number WeChat Pay assigned (digits)'),
      appid: z.string().min(1).max(32),
      /** Serial number of the merchant API certificate (its private key signs the requests). */
      merchantSerialNo: z.string().min(1).max(64),
      /** apiclient_key.pem; a relative path is taken from the data directory. */
      privateKeyPath: keyPath,
      /** The platform certificate or the "WeChat Pay public key" PEM that verifies WeChat Pay's answers. */
      platformPublicKeyPath: keyPath,
      /** What WeChat Pay names that key in Wechatpay-Serial (a certificate serial, or PUB_KEY_ID_…). */
      platformSerialNo: z.string().min(1).max(64),
      /** The HTTPS notify_url WeChat Pay requires on every order; the kiosk polls and never needs it called. */
      notifyUrl: z.url().refine((url) => url.startsWith('https://'), 'an https:// address'),
    })
    .strict(),
]);

export type WechatPaySettings = Extract<z.infer<typeof paymentSchema>, { provider: 'wechatpay' }>;

const settingsSchema = z
  .object({
    storeId: z.string().regex(/^[A-Za-z0-9]{1,12}$/, 'letters and digits, at most 12'),
    terminalId: z.string().regex(/^[A-Za-z0-9]{1,8}$/, 'letters and digits, at most 8'),
    storeName: z.string().min(1).max(80),
    storeAddress: z.string().max(200),
    currency: z.string().refine(isIsoCurrency, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not an ISO 4217 currency code: write it as ISO does, ` +
        'e.g. CNY (for RMB / yuan), EUR, USD, HKD',
    }),
    taxMode: z.enum(['inclusive', 'exclusive']),
    /** Tax rate for imported rows that leave tax_rate empty, in basis points. */
    defaultTaxRateBp: z.number().int().min(0).max(10_000),
    defaultLanguage: z.enum(['en', 'zh-CN']),
    /** Which UI this terminal shows: the shoppers' self-checkout, the cashier's counter, the console, stock work. */
    role: z.enum(TERMINAL_ROLES),
    receiptIdleSeconds: z.number().int().min(3).max(600),
    paymentTimeoutSeconds: z.number().int().min(15).max(900),
    /** The e-receipt and loyalty sign-up link printed as the receipt's QR. */
    eReceiptBaseUrl: z.url(),
    /** What every serial scanner is programmed to send before / after a code; stripped on arrival. */
    scanner: z.object({ prefix: z.string().max(16), suffix: z.string().max(16) }).strict(),
    /** How the store's scales print in-store labels (prefixes 20–29): a preset id or a rule table. */
    variableMeasure: variableMeasureSchema,
    /** An item whose GS1 expiry date has passed: refuse it, or add it with a warning. */
    expiredItems: z.enum(['block', 'warn']),
    /** Regular expressions for wallet payment codes, member cards and staff badges. */
    codePatterns: codePatternsSchema,
    payment: paymentSchema,
    /** The receipt printer on a serial port, or null for none (services/receipts/printer-settings.ts). */
    printer: printerSettingsSchema,
    /** A ZPL label printer on a serial port for shelf labels, or null (services/labels/label-printer-settings.ts). */
    labelPrinter: labelPrinterSettingsSchema,
    /** Staff who may mark a payment paid by hand; none by default. */
    attendants: z.array(attendantSchema),
    /** The scanner-scale, or null for none (services/scale/scale-settings.ts). */
    scale: scaleSettingsSchema,
    /** The lane link between kiosks and the attendant console (services/lanes): off without a store key. */
    lanes: laneLinkSettingsSchema,
    /** Sale restrictions (hours, most per basket) and the age check (services/checkout/restriction-settings.ts). */
    restrictions: restrictionSettingsSchema,
    /** The counter's shifts: idle lock, cash rounding and what each role may do alone (services/counter). */
    counter: counterSettingsSchema,
  })
  .strict()
  .superRefine((settings, context) => {
    const compiled = compileCodePatterns(settings.codePatterns);
    if (!compiled.ok) context.addIssue({ code: 'custom', path: ['codePatterns'], message: compiled.message });
    else attendantProblems(settings.attendants, compiled.value, context);
    const scheme = variableMeasureScheme(settings.variableMeasure);
    const problem = scheme && schemeProblem(scheme, currencyExponent(settings.currency));
    if (problem) context.addIssue({ code: 'custom', path: ['variableMeasure'], message: problem });
  });

/** Each attendant once by id and by badge, and every badge one the staff patterns recognise. */
function attendantProblems(
  attendants: readonly Attendant[],
  patterns: CompiledCodePatterns,
  context: z.RefinementCtx,
): void {
  const ids = new Set<string>();
  const badges = new Set<string>();
  attendants.forEach((attendant, index) => {
    const where = ['attendants', index];
    if (ids.has(attendant.id))
      context.addIssue({
        code: 'custom',
        path: [...where, 'id'],
        message: `id ${attendant.id} is used twice`,
      });
    if (badges.has(attendant.badge))
      context.addIssue({ code: 'custom', path: [...where, 'badge'], message: 'this badge is used twice' });
    if (classifyCode(attendant.badge, patterns)?.kind !== 'staff')
      context.addIssue({
        code: 'custom',
        path: [...where, 'badge'],
        message: `"${attendant.badge}" is not a staff badge by codePatterns.staff`,
      });
    ids.add(attendant.id);
    badges.add(attendant.badge);
  });
}

/** The scheme a settings value names: a preset by id, the store's own table, or none. */
export function variableMeasureScheme(
  value: z.infer<typeof variableMeasureSchema>,
): VariableMeasureScheme | null {
  return typeof value === 'string' ? (PRESETS[value] ?? null) : value;
}

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
  role: 'kiosk',
  receiptIdleSeconds: 20,
  paymentTimeoutSeconds: 120,
  eReceiptBaseUrl: 'https://receipts.openlane.example/r',
  scanner: { prefix: '', suffix: '' },
  // The demo store is Chinese: 2X IIIII VVVVV C scale labels (20–21 price in fen, 22 weight in grams).
  variableMeasure: 'cn',
  expiredItems: 'block',
  codePatterns: DEFAULT_CODE_PATTERNS,
  payment: { provider: 'simulator', url: null, port: 0 },
  printer: null,
  labelPrinter: null,
  attendants: [],
  scale: null,
  lanes: DEFAULT_LANE_LINK,
  restrictions: DEFAULT_RESTRICTIONS,
  counter: DEFAULT_COUNTER_SETTINGS,
};

export class SettingsError extends Error {}

/** The environment variable `openlane serve --role` sets: this run's role, whatever the file says. */
export const ROLE_OVERRIDE_ENV = 'OPENLANE_ROLE';

/**
 * Reads DATA_DIR/settings.json, creating it with defaults when missing. `OPENLANE_ROLE` in `env`
 * overrides the file's role for this run only: it is never written back.
 */
export function loadSettings(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): Settings {
  const settings = readSettingsFile(dataDir);
  const role = env[ROLE_OVERRIDE_ENV];
  if (role === undefined || role === '') return settings;
  if (!(TERMINAL_ROLES as readonly string[]).includes(role)) {
    throw new SettingsError(`${ROLE_OVERRIDE_ENV} must be kiosk, counter, attendant or stock, not "${role}"`);
  }
  return { ...settings, role: role as TerminalRole };
}

function readSettingsFile(dataDir: string): Settings {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'settings.json');
  if (!existsSync(path)) {
    const defaults = JSON.stringify(DEFAULT_SETTINGS, null, 2) + '\n';
    writeFileSync(path, defaults, { mode: 0o600 });
    keepLastGood(dataDir, defaults);
    return DEFAULT_SETTINGS;
  }
  const text = readFileSync(path, 'utf8');
  let settings: Settings;
  try {
    settings = checkSettings(parseSettingsText(text, path), path);
  } catch (error) {
    throw withLastGood(error, dataDir);
  }
  keepLastGood(dataDir, text);
  return settings;
}

/** Where the last settings.json that loaded is kept, byte for byte, so a bad edit has a way back. */
export function lastGoodSettingsPath(dataDir: string): string {
  return join(dataDir, 'settings.last-good.json');
}

/**
 * Copies a settings text that just loaded to settings.last-good.json (0600: it holds PIN hashes),
 * written beside and renamed over so a crash never leaves half a copy. A copy that cannot be written
 * (a read-only data directory) must not stop the till, so that failure is only logged.
 */
function keepLastGood(dataDir: string, text: string): void {
  const target = lastGoodSettingsPath(dataDir);
  try {
    if (existsSync(target) && readFileSync(target, 'utf8') === text) return;
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, target);
  } catch (error) {
    console.error(
      `openlane: could not keep a copy of good settings in ${target}: ${(error as Error).message}`,
    );
  }
}

/**
 * A settings error that also names the last good copy. The till refuses to start rather than run on
 * the copy by itself: store IT edited the file on purpose, and a till quietly selling with yesterday's
 * tax mode, payment provider or staff list would hide their mistake (README, "When settings.json is broken").
 */
function withLastGood(error: unknown, dataDir: string): unknown {
  const copy = lastGoodSettingsPath(dataDir);
  if (!(error instanceof SettingsError) || !existsSync(copy)) return error;
  return new SettingsError(
    `${error.message}; the last good settings are in ${copy} — copy it back ` +
      `(cp ${copy} ${join(dataDir, 'settings.json')}) or fix the file`,
  );
}

/** The settings file's own JSON object, as store IT wrote it (no defaults filled in). */
export function readSettingsJson(path: string): Record<string, unknown> {
  return parseSettingsText(readFileSync(path, 'utf8'), path);
}

function parseSettingsText(text: string, path: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const at = jsonErrorLocation(text);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    throw new SettingsError(`${path} is not valid JSON${where}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new SettingsError(`${path} must hold a JSON object`);
  return raw as Record<string, unknown>;
}

/** Validates a settings file's object; `path` names the file in the error. */
export function checkSettings(raw: Record<string, unknown>, path: string): Settings {
  // Settings written by an older version lack newer keys: defaults fill them.
  const merged = { ...DEFAULT_SETTINGS, ...raw };
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues, { whole: 'settings', max: Infinity });
    throw new SettingsError(`${path} has bad settings — ${problems}`);
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
    role: settings.role,
    languages: ['en', 'zh-CN'],
    receiptIdleSeconds: settings.receiptIdleSeconds,
    paymentTimeoutSeconds: settings.paymentTimeoutSeconds,
    training: isTrainingMode(settings),
    scale: settings.scale ? { minimumWeightGrams: settings.scale.minimumWeightGrams } : null,
  };
}

/** Payments go to a simulator (built in, or at payment.url): the terminal is in training mode. */
export function isTrainingMode(settings: Settings): boolean {
  return settings.payment.provider === 'simulator';
}
