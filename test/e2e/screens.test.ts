// Every kiosk screen at every screen size a self-checkout ships with, in English and 简体中文, on a real
// `openlane serve` with a serial scanner (socat) in Chromium — and the weigh screen on a second lane
// whose scanner is an emulated scanner-scale: nothing sticks out of the screen, no text is cut to
// unreadable, no control overlaps another, what a shopper needs is on screen without scrolling, and axe
// finds nothing serious. The pictures go to test-artifacts/screens/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_SCREENS, startScreensKiosk } from '../helpers/kiosk-screens';
import { SCALE_SCREENS, startScaleKiosk } from '../helpers/scale-screens';
import { checkScreen, type ScreenEntry } from '../helpers/screen-matrix';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screens');

interface Lane {
  page: Page;
  language: 'en' | 'zh-CN';
  close(): Promise<void>;
}

/** One lane from `start`, and every entry on it in each language, one test per screen and language. */
function everyScreen<L extends Lane>(title: string, start: () => Promise<L>, entries: ScreenEntry<L>[]) {
  describe(title, () => {
    let lane: L;

    beforeAll(async () => {
      lane = await start();
    });

    afterAll(async () => {
      await lane?.close();
    });

    for (const language of ['en', 'zh-CN'] as const) {
      for (const screen of entries) {
        it(`${screen.name} in ${language}`, async () => {
          lane.language = language;
          const problems = await checkScreen(lane.page, screen, lane, { artifactsDir: ARTIFACTS, language });
          expect(problems).toEqual([]);
        });
      }
    }
  });
}

everyScreen('every kiosk screen, at every size, in both languages', startScreensKiosk, KIOSK_SCREENS);
everyScreen(
  'the weigh screen of a kiosk with a scale, at every size, in both languages',
  startScaleKiosk,
  SCALE_SCREENS,
);
