// The screens of a supervised store at every screen size a self-checkout or a floor tablet ships with,
// in English and 简体中文: the kiosk's age hold, Help as the console answers it, the lane paused and
// closed, and the attendant console (the board with lanes in different states and a queue, the lane
// panel, the mark-as-paid and age-check forms). Three real `openlane serve` processes linked by the
// store key, HQ not running; the same runner, layout checks and axe as screens.test.ts. The pictures
// go to test-artifacts/screens/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTENDANT, startStoreScreens, STORE_SCREENS, type StoreScreens } from '../helpers/attendant-screens';
import { chooseLanguage } from '../helpers/kiosk-screens';
import { checkScreen } from '../helpers/screen-matrix';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screens');

describe('the supervised store: lanes and the attendant console, at every size, in both languages', () => {
  let store: StoreScreens;

  beforeAll(async () => {
    store = await startStoreScreens();
  });

  afterAll(async () => {
    await store?.close();
  });

  // Each screen in both languages before the next: the lanes' states only move forward.
  for (const screen of STORE_SCREENS) {
    for (const language of ['en', 'zh-CN'] as const) {
      it(`${screen.name} in ${language}`, async () => {
        store.language = language;
        const entry = {
          ...screen,
          async reach(s: StoreScreens) {
            await screen.reach(s);
            await s[screen.on].getByTestId(screen.shows).waitFor();
          },
        };
        const problems = await checkScreen(store[screen.on], entry, store, {
          artifactsDir: ARTIFACTS,
          language,
        });
        expect(problems).toEqual([]);
      });
    }
  }

  // The age check's one form decides both ways: Refuse, beside Approve, uses the same badge and PIN.
  it('refuses the 18+ item from the console with badge and PIN: it leaves lane K01 and Pay is free', async () => {
    const { console: page, k01 } = store;
    if (await page.getByTestId('lane-panel').isVisible()) await page.getByTestId('lane-panel-close').click();
    await chooseLanguage(page, 'en');
    await page.getByTestId('lane-K01').click();
    const form = page.getByTestId('age-approve');
    await form.getByLabel('Your badge').fill(ATTENDANT.badge);
    await form.getByLabel('PIN').fill(ATTENDANT.pin);
    await page.getByTestId('age-refuse').click();
    await expect.poll(() => k01.getByTestId('basket-line').count()).toBe(1);
    expect(await k01.getByTestId('age-check').count()).toBe(0);
    expect(await k01.getByTestId('pay-button').isDisabled()).toBe(false);
    await expect.poll(() => page.getByTestId('call-K01-age-check').count()).toBe(0);
  });
});
