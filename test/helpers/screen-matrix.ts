// Every screen at every size: a screen is one entry saying how to reach it and what a shopper (or an
// attendant) needs on it; the runner puts it on each screen size in turn, runs the layout checks,
// saves a picture, and runs axe once. Other roles' tests (the attendant console) use the same runner
// with their own entries and context.
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeProblems } from './axe';
import { layoutProblems } from './layout-checks';

export interface ScreenSize {
  width: number;
  height: number;
}

/** The screens self-checkouts ship with: the common 4:3 and 16:10/16:9 ones, and a portrait pillar. */
export const SCREEN_SIZES: readonly ScreenSize[] = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
];

/** One screen of a role: how to get there from wherever the last entry left the terminal. */
export interface ScreenEntry<Context> {
  /** Short and file-name safe: it names the screenshots. */
  name: string;
  /** The data-testid that is visible exactly when this screen is showing. */
  shows: string;
  /** data-testids of the controls a user needs on this screen: whole, on screen, touchable. */
  needs: readonly string[];
  /** Brings the screen up, waiting until `shows` is visible. Called again if the screen went away. */
  reach(context: Context): Promise<void>;
}

/** Waits until what the user sees has stopped moving: finite animations done, two frames painted. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity && a.playState === 'running');
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

export interface MatrixOptions {
  /** Where the screenshots go: `<dir>/<name>-<language>-<width>x<height>.png`. */
  artifactsDir: string;
  /** Names the pictures and axe's lines (the layout lines name the page's own lang attribute). */
  language: string;
  sizes?: readonly ScreenSize[];
}

/**
 * Reaches `entry` and checks it at every size (axe at the first, where the screen was reached).
 * Returns every problem found, each a sentence; an empty list is a pass.
 */
export async function checkScreen<Context>(
  page: Page,
  entry: ScreenEntry<Context>,
  context: Context,
  options: MatrixOptions,
): Promise<string[]> {
  const sizes = options.sizes ?? SCREEN_SIZES;
  mkdirSync(options.artifactsDir, { recursive: true });
  const problems: string[] = [];
  // Chromium's own fast PNG encoder: a third of the time of page.screenshot over 130 pictures.
  const cdp = await page.context().newCDPSession(page);
  for (const [i, size] of sizes.entries()) {
    await page.setViewportSize(size);
    // A screen that shows a passing message (a refused scan) may be gone by now: bring it back.
    if (i === 0 || !(await page.getByTestId(entry.shows).isVisible())) await entry.reach(context);
    await settle(page);
    if (i === 0) problems.push(...(await axeProblems(page, `${entry.name} ${options.language}`)));
    problems.push(...(await layoutProblems(page, { needs: entry.needs })).map((p) => `${entry.name}: ${p}`));
    const shot = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true });
    await writeFile(
      join(options.artifactsDir, `${entry.name}-${options.language}-${size.width}x${size.height}.png`),
      Buffer.from(shot.data, 'base64'),
    );
  }
  await cdp.detach();
  return problems;
}
