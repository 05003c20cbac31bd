// The back office as a new user finds it: HQ answers `/` with it, the sign-in screen, every area of the
// menu in English and 简体中文, and axe finds nothing serious on any of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS } from '../../backoffice/app/areas';
import { axeProblems } from '../helpers/axe';
import { openArea, signInToOffice, startOffice, type Office } from '../helpers/office';

let office: Office;
beforeAll(async () => {
  office = await startOffice({ signedIn: false });
});
afterAll(async () => office?.close());

describe('the back office HQ serves at /', () => {
  it('serves the page with headers that keep other sites from framing or scripting it', async () => {
    const response = await fetch(office.hq.url + '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).toContain('<div id="root">');
    const missing = await fetch(office.hq.url + '/assets/..%2f..%2fpackage.json');
    expect(missing.status).toBe(404);
  });

  it('asks a stranger to sign in, and says so when the name or password is wrong', async () => {
    const { page } = office;
    await page.getByTestId('sign-in-name').fill('admin');
    await page.getByTestId('sign-in-password').fill('not-the-password-at-all');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The name or the password is wrong.');
    expect(await axeProblems(page, 'sign-in')).toEqual([]);
  });

  it('opens every area of the menu, in English and in Chinese, with nothing serious for axe', async () => {
    const { page } = office;
    await signInToOffice(page);
    for (const language of ['English', '简体中文']) {
      await page.getByRole('button', { name: language }).click();
      for (const area of AREAS) {
        await openArea(page, area.id);
        await expect
          .poll(() => page.locator('[aria-current="page"]').getAttribute('data-testid'))
          .toBe(`nav-${area.id}`);
        expect(await axeProblems(page, `${area.id} in ${language}`)).toEqual([]);
      }
    }
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('nav-sales').textContent()).toBe('销售');
  });
});
