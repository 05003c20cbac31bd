// axe-core in the page under test: the serious and critical accessibility violations of what it shows.
// Evaluated through the DevTools protocol, so the terminal's Content-Security-Policy (no inline or
// foreign scripts) stays as it is for the page itself.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * The page's serious and critical violations (an empty list when there are none). Throws when axe
 * found nothing to check, so a blank page cannot pass.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // A dialog rising in is half transparent for a moment: axe would measure the contrast of that moment,
  // not of the screen a shopper reads. Wait for entrance animations (finite ones) to end; a looping
  // one (the scanner's beam) never does and is not waited for.
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 },
  );
  await page.evaluate(AXE_SOURCE);
  const { passes, violations } = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(): Promise<{ passes: unknown[]; violations: unknown[] }> } }
    ).axe;
    const results = await axe.run();
    return {
      passes: results.passes.length,
      violations: results.violations as {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[],
    };
  });
  if (passes === 0) throw new Error('axe checked nothing: is the page blank?');
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/**
 * The same violations as sentences for a test's list of problems, each starting with `context` (e.g.
 * "basket en"): "basket en: serious color-contrast — Elements must meet minimum color contrast ratio
 * thresholds: .item-count; .line-unit".
 */
export async function axeProblems(page: Page, context: string): Promise<string[]> {
  return (await seriousViolations(page)).map((v) => {
    const more = v.targets.length > 5 ? `; and ${v.targets.length - 5} more` : '';
    return `${context}: ${v.impact} ${v.id} — ${v.help}: ${v.targets.slice(0, 5).join('; ')}${more}`;
  });
}
