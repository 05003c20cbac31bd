// A dated price change as the chain's office schedules it on a product's page in the back office, for
// the end-to-end tests whose lane then sells at it (office-catalog, office-whole-flow).
import type { Page } from 'playwright-core';

/**
 * Opens the product's page and schedules `price` (as typed, e.g. "11.90") for the whole chain one minute
 * from now, to the second; returns that moment. The form takes the browser's local time, as a person
 * types it.
 */
export async function schedulePriceInAMinute(
  page: Page,
  hqUrl: string,
  gtin: string,
  price: string,
): Promise<Date> {
  await page.goto(`${hqUrl}/#/catalog/${gtin}`);
  const effective = new Date(Math.ceil((Date.now() + 60_000) / 1000) * 1000);
  const local = await page.evaluate((ms) => {
    const d = new Date(ms);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  }, effective.getTime());
  const schedule = page.getByTestId('schedule-form');
  await schedule.getByLabel('New price (CNY)').fill(price);
  await schedule.getByLabel('Takes effect').fill(local);
  await schedule.getByRole('button', { name: 'Schedule' }).click();
  return effective;
}
