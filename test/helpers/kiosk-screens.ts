// Every screen a shopper can meet at the kiosk, as data: one entry each, saying how to reach it from
// wherever the entry before left the lane. screens.test.ts checks each at every size in both languages;
// a new screen is one more entry here (or in the list a test builds from this one).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { withCheckDigit } from '../../core/barcode/gtin';
import { closedPort, UNKNOWN_EAN, WALLET } from './checkout';
import type { ScreenEntry } from './screen-matrix';
import { inTempDir, serveKiosk } from './screen-lane';
import type { ServeProcess } from './serve';
import { startPtyPair, type PtyPair } from './socat';

const BIN = fileURLToPath(new URL('../../bin/openlane.mjs', import.meta.url));
export const BADGE = 'STAFF-S01X';

const code = (body: string) => withCheckDigit(body);
/** The test store: a long name in each script, a weighed item, an 18+ item. */
export const SCREEN_PRODUCTS = {
  milk: { barcode: code('690000000101'), name: 'Fresh Milk 1 L', price: '12.90' },
  longEn: {
    barcode: code('690000000102'),
    name: 'Organic Free-Range Large Brown Eggs, Family Pack of 12',
    price: '32.50',
  },
  longZh: { barcode: code('690000000103'), name: '云南高原有机红富士苹果礼盒装特级大果', price: '88.00' },
  /** Also in the Fruit & vegetables grid, by its PLU. */
  apples: { barcode: code('690000000104'), name: 'Fuji Apples', price: '10.01', unit: 'kg', plu: '4131' },
  /** Loose, in the grid only (never in the basket): a Chinese name to search by in 简体中文. */
  peppers: {
    barcode: code('690000000107'),
    name: 'Red Bell Peppers',
    zh: '红甜椒',
    price: '18.60',
    unit: 'kg',
    plu: '4088',
  },
  beer: { barcode: code('690000000105'), name: 'Lager 500 ml', price: '6.50', age: '18' },
  /** Scanned as a GS1 DataMatrix with its lot, use-by date and serial: the line's pack details. */
  yogurt: { barcode: code('690000000106'), name: 'Greek Yogurt 450 g', price: '15.80' },
} as const;
/** The lines of the basket most screens show, in the order they are scanned. */
const BASKET = ['milk', 'longEn', 'longZh', 'apples'] as const;
const WEIGHT_GRAMS = '742';

export interface KioskScreens {
  page: Page;
  browser: Browser;
  serve: ServeProcess;
  /** 'en' or 'zh-CN': the language every entry puts the kiosk in before it shows its screen. */
  language: 'en' | 'zh-CN';
  /** A scan on the lane's serial scanner. */
  scan(code: string): void;
  close(): Promise<void>;
}

/**
 * A lane for looking at screens: the test catalog, attendant S01 with BADGE, a receipt that waits
 * ten minutes, and enrolled with an HQ that is not there, so the header shows its HQ line (offline,
 * and after a sale, the sale waiting) as a store's lane does when its network is down.
 */
export async function startScreensKiosk(): Promise<KioskScreens> {
  const lane = await inTempDir('openlane-screens-', async (dir, cleanups) => {
    const data = join(dir, 'data');
    mkdirSync(data);
    prepareStore(dir, data);
    await enrolWithAbsentHq(data);
    const pty: PtyPair = await startPtyPair(dir);
    cleanups.push(() => pty.kill());
    return { ...(await serveKiosk(data, [pty.devicePath], cleanups)), pty };
  });
  const { page, browser, serve, pty, close } = lane;
  return { page, browser, serve, language: 'en', scan: (c) => pty.write(`${c}\r\n`), close };
}

/** The test catalog and attendant S01 with BADGE, and a receipt that waits ten minutes. */
function prepareStore(dir: string, data: string): void {
  const csv = join(dir, 'catalog.csv');
  writeFileSync(
    csv,
    [
      'barcode,name,price,tax_rate,unit,age_limit,department,plu,name_zh-CN',
      ...Object.values(SCREEN_PRODUCTS).map(
        (p) =>
          `${p.barcode},"${p.name}",${p.price},13,${'unit' in p ? p.unit : 'each'},${'age' in p ? p.age : ''},Test,` +
          `${'plu' in p ? p.plu : ''},${'zh' in p ? p.zh : ''}`,
      ),
    ].join('\n'),
  );
  openlane(['catalog', 'import', csv, '--data', data]);
  // Before the attendant: `staff add` writes the badge into this settings.json.
  writeFileSync(join(data, 'settings.json'), JSON.stringify({ receiptIdleSeconds: 600 }));
  openlane(
    ['staff', 'add', '--id', 'S01', '--name', 'Li Na', '--badge', BADGE, '--pin-stdin', '--data', data],
    '2468\n',
  );
}

/** Enrolled with an HQ whose port is closed: the header shows its HQ line, offline. */
async function enrolWithAbsentHq(data: string): Promise<void> {
  const hq = await closedPort();
  writeFileSync(
    join(data, 'hq.json'),
    JSON.stringify({
      serverUrl: hq.url,
      deviceId: 'K01',
      secret: 'not-a-real-secret',
      storeCode: 'S001',
      enrolledAt: new Date().toISOString(),
    }),
    { mode: 0o600 },
  );
}

function openlane(args: string[], input = ''): void {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input });
  if (run.status !== 0) throw new Error(`openlane ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
}

const visible = (k: KioskScreens, testId: string) => k.page.getByTestId(testId).isVisible();
const waitShown = (k: KioskScreens, testId: string) => k.page.getByTestId(testId).waitFor();
const click = (k: KioskScreens, testId: string) => k.page.getByTestId(testId).click();

/** Closes any dialog, and puts the header's language to the context's. */
async function calm(k: KioskScreens): Promise<void> {
  for (const close of [
    'help-close',
    'confirm-no',
    'weight-cancel',
    'staff-cancel',
    'produce-close',
    'age-cancel',
  ])
    if (await visible(k, close)) await click(k, close);
  await chooseLanguage(k.page, k.language);
}

/** Touches the header's language button (when it is not the chosen one) and waits for the page's lang. */
export async function chooseLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const button = page.getByTestId(language === 'en' ? 'language-en' : 'language-zh');
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
}

/** Back to the basket from a payment or a paid sale; a sale paid ends and the next one starts empty. */
async function leavePayment(k: KioskScreens): Promise<void> {
  if (await visible(k, 'paid')) {
    await click(k, 'done-button');
    await waitShown(k, 'welcome');
  }
  if (await visible(k, 'payment')) {
    await calm(k);
    await click(k, 'payment-cancel');
    await waitShown(k, 'basket');
  }
}

/** The basket of BASKET's four lines (the apples weighed), nothing else, no dialog open. */
async function basket(k: KioskScreens): Promise<void> {
  await leavePayment(k);
  await calm(k);
  const names = () => k.page.getByTestId('line-name').allInnerTexts();
  const wanted = BASKET.map((key) => SCREEN_PRODUCTS[key].name);
  // Lines an entry added (the 18+ item) go again; missing ones are scanned.
  for (const [i, name] of (await names()).entries())
    if (!wanted.includes(name as (typeof wanted)[number])) {
      await k.page.getByTestId('line-remove').nth(i).click();
      await expect.poll(async () => (await names()).includes(name)).toBe(false);
    }
  for (const key of BASKET) {
    const product = SCREEN_PRODUCTS[key];
    if ((await names()).includes(product.name)) continue;
    k.scan(product.barcode);
    if (key === 'apples') await weigh(k);
    await expect.poll(names).toContain(product.name);
  }
  await waitShown(k, 'basket');
}

async function weigh(k: KioskScreens): Promise<void> {
  await waitShown(k, 'weight-dialog');
  await k.page.getByTestId('weight-input').fill(WEIGHT_GRAMS);
  await click(k, 'weight-submit');
}

async function pay(k: KioskScreens): Promise<void> {
  await basket(k);
  await click(k, 'pay-button');
  await waitShown(k, 'payment-qr');
}

let serials = 0;
/** A GS1 DataMatrix of the yogurt: lot, a use-by date a year ahead, and a serial never sold before. */
function packCode(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const nextYear = `${pad((d.getFullYear() + 1) % 100)}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
  const gtin = SCREEN_PRODUCTS.yogurt.barcode.padStart(14, '0');
  return `]d201${gtin}17${nextYear}\u001d10L2411A\u001d21SN-${Date.now()}-${++serials}`;
}

/** The shopper's phone opens the payment code's page and presses Approve or Decline. */
async function atPhone(k: KioskScreens, button: RegExp): Promise<void> {
  const payUrl = await k.page.getByTestId('payment-qr').getAttribute('data-payload');
  const phone = await k.browser.newPage();
  try {
    await phone.goto(payUrl!);
    await phone.getByRole('button', { name: button }).click();
  } finally {
    await phone.close();
  }
}

type Steps = (k: KioskScreens) => Promise<void>;

/** An entry whose reach is `steps`, then waiting for `shows`. */
function screen(name: string, shows: string, needs: string[], steps: Steps): ScreenEntry<KioskScreens> {
  return {
    name,
    shows,
    needs,
    async reach(k) {
      await steps(k);
      await waitShown(k, shows);
    },
  };
}

/** A screen one scan or one touch away from the basket. */
const overBasket = (
  name: string,
  shows: string,
  needs: string[],
  act: { scan: string } | { touch: string },
) =>
  screen(name, shows, needs, async (k) => {
    await basket(k);
    if ('scan' in act) k.scan(act.scan);
    else await click(k, act.touch);
  });

/** The Fruit & vegetables grid open over the basket, its search empty. */
async function openProduce(k: KioskScreens): Promise<void> {
  await basket(k);
  await click(k, 'produce-button');
  await waitShown(k, 'produce-grid');
}

/** A screen after the shopper's phone answered the payment code (Approve or Decline). */
const phoneAnswers = (name: string, shows: string, needs: string[], button: RegExp) =>
  screen(name, shows, needs, async (k) => {
    await pay(k);
    await atPhone(k, button);
  });

/** The kiosk's screens, in an order where each is cheap to reach from the one before. */
export const KIOSK_SCREENS: ScreenEntry<KioskScreens>[] = [
  {
    name: 'welcome',
    shows: 'welcome',
    needs: ['help-button', 'keypad-submit'],
    async reach(k) {
      await leavePayment(k);
      if (await visible(k, 'basket')) {
        await calm(k);
        await click(k, 'cancel-order');
        await click(k, 'confirm-yes');
      }
      await waitShown(k, 'welcome');
      await calm(k);
    },
  },
  {
    name: 'basket',
    shows: 'basket',
    needs: ['pay-button', 'cancel-order', 'help-button', 'keypad-submit'],
    reach: basket,
  },
  overBasket('weight-entry', 'weight-dialog', ['weight-submit', 'weight-cancel'], {
    scan: SCREEN_PRODUCTS.apples.barcode,
  }),
  overBasket('help', 'help-overlay', ['help-close'], { touch: 'help-button' }),
  screen('produce-grid', 'produce-grid', ['produce-close', 'produce-search'], async (k) => {
    await openProduce(k);
    // Both loose items' tiles, once the grid has loaded.
    await expect.poll(() => k.page.getByTestId('produce-tile').count()).toBe(2);
  }),
  screen('produce-search', 'produce-tile', ['produce-close', 'produce-search'], async (k) => {
    await openProduce(k);
    // Searched by name in the shopper's language: one tile, the peppers.
    await k.page.getByTestId('produce-search').fill(k.language === 'en' ? 'pepper' : '甜椒');
    await expect.poll(() => k.page.getByTestId('produce-tile').count()).toBe(1);
  }),
  screen('produce-no-match', 'produce-none', ['produce-close', 'produce-search'], async (k) => {
    await openProduce(k);
    await k.page.getByTestId('produce-search').fill(k.language === 'en' ? 'durian' : '榴莲');
  }),
  overBasket('cancel-order', 'cancel-confirm', ['confirm-yes', 'confirm-no'], { touch: 'cancel-order' }),
  overBasket('unknown-item', 'scan-message', ['pay-button', 'help-button'], { scan: UNKNOWN_EAN }),
  overBasket('age-restricted', 'age-check', ['pay-button', 'help-button'], {
    scan: SCREEN_PRODUCTS.beer.barcode,
  }),
  {
    // The attendant's badge on a held basket: the age check, approve or refuse, with their PIN.
    name: 'age-dialog',
    shows: 'age-dialog',
    needs: ['age-approve', 'age-refuse', 'age-pin-submit', 'age-cancel'],
    async reach(k) {
      if (!(await visible(k, 'age-check'))) await entry('age-restricted').reach(k);
      await calm(k);
      k.scan(BADGE);
      await waitShown(k, 'age-dialog');
    },
  },
  screen('pack-details', 'line-pack', ['pay-button', 'help-button'], async (k) => {
    await basket(k);
    k.scan(packCode());
  }),
  {
    name: 'payment-code',
    shows: 'payment-qr',
    needs: ['payment-cancel', 'help-button'],
    reach: pay,
  },
  {
    name: 'staff-dialog',
    shows: 'staff-dialog',
    needs: ['staff-pin-submit', 'staff-cancel'],
    async reach(k) {
      if (!(await visible(k, 'payment-qr'))) await pay(k);
      k.scan(BADGE);
      await waitShown(k, 'staff-dialog');
    },
  },
  {
    name: 'wallet-code',
    shows: 'code-payment',
    needs: ['payment-cancel', 'help-button'],
    async reach(k) {
      await basket(k);
      // A code the wallet asks the shopper to confirm on the phone: the screen waits, cancellable.
      k.scan(WALLET.confirms);
      await waitShown(k, 'code-payment');
      await expect.poll(() => k.page.getByTestId('payment-cancel').isEnabled()).toBe(true);
    },
  },
  // Back at the basket after the phone declined: the calm notice above the lines.
  phoneAnswers('payment-declined', 'payment-notice', ['pay-button', 'help-button'], /decline/i),
  // Paid, once the receipt is there.
  phoneAnswers('paid', 'receipt-number', ['done-button', 'help-button'], /approve/i),
  {
    // An attendant's badge on the paid screen offers the reprint (for a few seconds): Done stays whole.
    name: 'paid-reprint',
    shows: 'reprint-button',
    needs: ['done-button', 'reprint-button'],
    async reach(k) {
      if (!(await visible(k, 'paid'))) await entry('paid').reach(k);
      k.scan(BADGE);
      await waitShown(k, 'reprint-button');
    },
  },
  {
    // The header once a sale waits for HQ, which is not there: the longest line it shows.
    name: 'sale-waiting-offline',
    shows: 'sync-status',
    needs: ['help-button'],
    async reach(k) {
      await expect.poll(() => k.page.getByTestId('sync-status').getAttribute('data-online')).toBe('false');
      // "Offline — 1 sale waiting…": a lane that has sold nothing yet (this entry run alone) sells first.
      const waiting = async () => /\d/.test(await k.page.getByTestId('sync-text').innerText());
      if (!(await waiting())) await entry('paid').reach(k);
      await entry('welcome').reach(k);
      await expect.poll(waiting).toBe(true);
    },
  },
];

/** The kiosk screen entry of that name (an entry may start from another). */
function entry(name: string): ScreenEntry<KioskScreens> {
  const found = KIOSK_SCREENS.find((s) => s.name === name);
  if (!found) throw new Error(`no kiosk screen named ${name}`);
  return found;
}
