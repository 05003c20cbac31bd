// Every kiosk screen at every screen size a self-checkout ships with, in English and 简体中文, on a real
// `openlane serve` with a serial scanner (socat) in Chromium — and the weigh screen on a second lane whose
// scanner is an emulated scanner-scale: nothing sticks out of the screen, no text
// is cut to unreadable, no control overlaps another, what a shopper needs is on screen without
// scrolling, and axe finds nothing serious. The pictures go to test-artifacts/screens/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_SCREENS, startScreensKiosk, type KioskScreens } from '../helpers/kiosk-screens';
import { SCALE_SCREENS, startScaleKiosk, type ScaleScreens } from '../helpers/scale-screens';
import { checkScreen } from '../helpers/screen-matrix';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screens');

describe('every kiosk screen, at every size, in both languages', () => {
  let kiosk: KioskScreens;

  beforeAll(async () => {
    kiosk = await startScreensKiosk();
  });

  afterAll(async () => {
    await kiosk?.close();
  });

  for (const language of ['en', 'zh-CN'] as const) {
    for (const screen of KIOSK_SCREENS) {
      it(`${screen.name} in ${language}`, async () => {
        kiosk.language = language;
        const problems = await checkScreen(kiosk.page, screen, kiosk, { artifactsDir: ARTIFACTS, language });
        expect(problems).toEqual([]);
      });
    }
  }
});

describe('the weigh screen of a kiosk with a scale, at every size, in both languages', () => {
  let kiosk: ScaleScreens;

  beforeAll(async () => {
    kiosk = await startScaleKiosk();
  });

  afterAll(async () => {
    await kiosk?.close();
  });

  for (const language of ['en', 'zh-CN'] as const) {
    for (const screen of SCALE_SCREENS) {
      it(`${screen.name} in ${language}`, async () => {
        kiosk.language = language;
        const problems = await checkScreen(kiosk.page, screen, kiosk, { artifactsDir: ARTIFACTS, language });
        expect(problems).toEqual([]);
      });
    }
  }
});
