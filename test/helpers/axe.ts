// axe-core on the page as it is now: the serious and critical accessibility violations, one line each.
// axe is evaluated through the DevTools protocol, which the terminal's Content-Security-Policy (no
// inline or foreign scripts) does not stop; the page itself is not changed otherwise.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResults {
  passes: unknown[];
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/**
 * "impact id: help (targets)" for every serious or critical violation on the page; [] when none.
 * Throws when axe found nothing to check (a blank page would otherwise pass).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
  );
  if (results.passes.length === 0) throw new Error('axe checked nothing: is the page blank?');
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
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
