// The kiosk's screens that need a scale, as data like kiosk-screens.ts: a lane whose scanner is a
// Datalogic Magellan scanner-scale (emulated on a socat pty by its documented protocol), and the weigh
// screen as the weight moves and settles.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEFAULT_SETTINGS } from '../../services/settings';
import { ATTENDANT } from './attendant';
import { chooseLanguage } from './kiosk-screens';
import { startMagellanEmulator, type EmulatedScale, type MagellanEmulator } from './magellan-emulator';
import type { ScreenEntry } from './screen-matrix';
import { inTempDir, serveKiosk } from './screen-lane';

/** Fuji Apples in the demo store, sold by the kilogram. */
const APPLES = '6901000000004';

export interface ScaleScreens {
  page: Page;
  browser: Browser;
  device: MagellanEmulator;
  language: 'en' | 'zh-CN';
  close(): Promise<void>;
}

/** A kiosk on the demo store whose one serial line is the scanner-scale, in Chromium. */
export async function startScaleKiosk(): Promise<ScaleScreens> {
  const lane = await inTempDir('openlane-scale-screens-', async (dir, cleanups) => {
    const device = await startMagellanEmulator(dir);
    cleanups.push(() => device.close());
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const scale = { path: device.devicePath, minimumWeightGrams: 20, pollMs: 100, answerTimeoutMs: 600 };
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, scale, attendants: [ATTENDANT] }),
    );
    // No --scanner: the scale's port is the scanner-scale, opened as the terminal's scanner too.
    return { ...(await serveKiosk(dataDir, [], cleanups)), device };
  });
  return { ...lane, language: 'en' };
}

/** The weigh screen for the apples in the context's language, the scale showing `scale`. */
function weighing(
  name: string,
  scale: EmulatedScale,
  state: string,
  needs: string[],
): ScreenEntry<ScaleScreens> {
  return {
    name,
    shows: 'weigh-screen',
    needs,
    async reach(k) {
      const open = k.page.getByTestId('weigh-screen');
      // The language is chosen in the header, under the weigh screen: close it first.
      if ((await open.isVisible()) && (await k.page.locator('html').getAttribute('lang')) !== k.language)
        await k.page.getByTestId('weigh-cancel').click();
      await chooseLanguage(k.page, k.language);
      k.device.set(scale);
      if (!(await open.isVisible())) k.device.scan(APPLES);
      await expect.poll(() => k.page.getByTestId('weigh-state').getAttribute('data-state')).toBe(state);
    },
  };
}

export const SCALE_SCREENS: ScreenEntry<ScaleScreens>[] = [
  weighing('weigh-moving', { state: 'motion' }, 'motion', ['weigh-cancel']),
  weighing('weigh-stable', { state: 'stable', grams: 742 }, 'stable', ['weigh-add', 'weigh-cancel']),
];
