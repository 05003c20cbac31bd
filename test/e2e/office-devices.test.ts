// Stores and devices in the back office, as a chain's office does it: add a store, make an enrolment
// code while HQ runs, enrol a real terminal with it (`openlane serve`), see the device appear with what
// it reported, revoke it, and see the terminal told it was removed. axe in English and Chinese.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTerminal } from '../../services/sync';
import { axeProblems } from '../helpers/axe';
import { OFFICE_ADMIN, officeShot, openArea, startOffice, type Office } from '../helpers/office';
import { startServe, type ServeProcess } from '../helpers/serve';

const SHOTS = process.env.OPENLANE_SHOTS_DIR;
let office: Office;
let serve: ServeProcess | undefined;
let dir: string;

beforeAll(async () => {
  office = await startOffice();
  dir = mkdtempSync(join(tmpdir(), 'openlane-office-devices-'));
});
afterAll(async () => {
  await serve?.stop();
  await office?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = async (name: string) => {
  if (SHOTS) await office.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

describe('stores and devices in the back office', () => {
  it('adds a store and makes an enrolment code that enrols a terminal, which then reports itself', async () => {
    const { page, hq } = office;
    await openArea(page, 'stores');
    await page.getByRole('button', { name: 'New store' }).click();
    await page.getByLabel('Code').fill('S001');
    await page.getByLabel('Name').fill('Riverside');
    expect(await axeProblems(page, 'new store form')).toEqual([]);
    await shot('new-store-en');
    await page.getByRole('button', { name: 'Add store' }).click();
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('Store S001 · Riverside');

    await page.getByRole('button', { name: 'Make an enrolment code' }).click();
    const code = (await page.getByTestId('enrolment-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(await page.getByTestId('enrol-command').textContent()).toBe(
      `openlane enrol --server ${hq.url} --code ${code}`,
    );
    expect(await axeProblems(page, 'store page with a code')).toEqual([]);
    await shot('store-code-en');

    const data = join(dir, 'K01');
    mkdirSync(data, { mode: 0o700 });
    await enrolTerminal({ dataDir: data, serverUrl: hq.url, code, terminalName: 'K01' });
    serve = await startServe({ dataDir: data });

    // The terminal syncs as it starts, and reports itself; the page shows it after a refresh.
    const row = page.getByTestId('devices-table').locator('tbody tr').filter({ hasText: 'K01' });
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return row.textContent();
      })
      .toMatch(/nothing waiting.*up to date.*in step.*0\.1\.0.*All well/);
    expect(await row.textContent()).toMatch(/just now|\d+ s ago/);
    expect(await axeProblems(page, 'store page with a device')).toEqual([]);
    await shot('store-devices-en');

    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('门店 S001 · Riverside');
    await expect.poll(() => row.textContent()).toMatch(/无待上传.*已是最新.*与总部一致.*一切正常/);
    expect(await axeProblems(page, 'store page in Chinese')).toEqual([]);
    await shot('store-devices-zh');
    await openArea(page, 'stores');
    await expect.poll(() => page.getByTestId('stores-table').textContent()).toContain('Riverside');
    expect(await axeProblems(page, 'stores list in Chinese')).toEqual([]);
    await shot('stores-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await shot('stores-en');
  });

  it('revokes the device, and its terminal’s next sync is refused and says it was removed', async () => {
    const { page } = office;
    await page.getByTestId('stores-table').getByRole('button', { name: 'S001' }).click();
    await page.getByRole('button', { name: 'Revoke K01' }).click();
    expect(await axeProblems(page, 'revoke question')).toEqual([]);
    await page.getByRole('button', { name: 'Revoke it' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('K01 was revoked.');
    const row = page.getByTestId('devices-table').locator('tbody tr').filter({ hasText: 'K01' });
    await expect.poll(() => row.textContent()).toContain(`Revoked by ${OFFICE_ADMIN.name},`);
    await shot('store-revoked-en');

    // The terminal's screen: HQ ended its event stream, it synced at once and was refused.
    const kiosk = await office.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await kiosk.goto(serve!.url);
    await expect
      .poll(() => kiosk.getByTestId('sync-text').textContent())
      .toBe('Removed from HQ — enrol this terminal again');
    await kiosk.close();
  });

  it('renames the store and moves it to another time zone from its page; a zone HQ does not know is refused', async () => {
    const { page, hq } = office;
    const details = page.getByTestId('store-details');
    await details.getByLabel('Time zone').fill('Mars/Olympus');
    await details.getByRole('button', { name: 'Save' }).click();
    // HQ's refusal stands under the zone's box, which is marked invalid and described by it.
    const zone = details.getByLabel('Time zone');
    await expect.poll(() => zone.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await zone.getAttribute('aria-describedby'))!.split(' ');
    const said = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(said.join(' ')).toMatch(/An IANA name.*"Mars\/Olympus" is not a time zone HQ knows/);
    expect(await axeProblems(page, 'store details with a refused zone')).toEqual([]);
    await officeShot(page, 'store-zone-refused-en');
    await details.getByLabel('Name').fill('Riverside Market');
    await details.getByLabel('Time zone').fill('Asia/Shanghai');
    await details.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => details.getByRole('status').textContent()).toBe('Store S001 is saved.');
    expect(await details.getByLabel('Time zone').getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('Store S001 · Riverside Market');
    const { rows } = await hq.db.query<{ name: string; time_zone: string }>(
      "SELECT name, time_zone FROM stores WHERE code = 'S001'",
    );
    expect(rows).toEqual([{ name: 'Riverside Market', time_zone: 'Asia/Shanghai' }]);
    expect(await axeProblems(page, 'store details saved')).toEqual([]);
    await officeShot(page, 'store-details-en');
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => details.getByRole('status').textContent()).toBe('门店 S001 已保存。');
    expect(await axeProblems(page, 'store details in Chinese')).toEqual([]);
    await officeShot(page, 'store-details-zh');
    await page.getByRole('button', { name: 'English' }).click();
  });
});
