// Help and the header agree about HQ, in Chromium: a terminal enrolled with a real HQ (PGlite) that has
// no catalog yet is synced, and Help says so too — it used to say "Not synced yet" under a "Synced" header.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnrolledKiosk, stopEnrolledKiosk, type EnrolledKiosk } from '../helpers/enrolled-kiosk';

describe('Help and the header on a terminal synced with an HQ that has no catalog yet', () => {
  let kiosk: EnrolledKiosk | undefined;
  let page: Page;

  beforeAll(async () => {
    kiosk = await startEnrolledKiosk('openlane-e2e-help-sync-');
    page = kiosk.page;
  });

  afterAll(() => stopEnrolledKiosk(kiosk));

  it('says the same in Help as in the header', async () => {
    const status = page.getByTestId('sync-status');
    await expect.poll(() => status.getAttribute('data-online'), { timeout: 15_000 }).toBe('true');
    const header = await page.getByTestId('sync-text').textContent();
    expect(header).toMatch(/^Synced /);
    await page.getByTestId('help-button').click();
    await expect.poll(() => page.getByTestId('help-sync-status').textContent()).toBe(`HQ · ${header}`);
    expect(await page.getByTestId('help-sync').textContent()).toBe('No catalog from HQ yet · 0 products');
    expect(await page.getByTestId('help-overlay').textContent()).not.toContain('Not synced yet');
  });
});
