import { expect, it } from 'vitest';
import { createOfficeUser, openArea, signInToOffice, startOffice } from '../helpers/office';
import { call } from '../helpers/postgres';
import { OFFICE_ADMIN_TOKEN } from '../helpers/office';

it('shots', async () => {
  const office = await startOffice({ signedIn: false });
  const { page, hq } = office;
  try {
    await call(hq.url, 'POST', '/admin/v1/enrolment-codes', { token: OFFICE_ADMIN_TOKEN, body: { store: 'S002' } });
    await page.getByTestId('first-admin-open').waitFor();
    await page.screenshot({ path: '/tmp/auth-shots/signin-en.png' });
    await page.getByTestId('first-admin-open').click();
    await page.screenshot({ path: '/tmp/auth-shots/first-admin-en.png' });
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.screenshot({ path: '/tmp/auth-shots/first-admin-zh.png' });
    await page.getByRole('button', { name: 'English' }).click();
    await signInToOffice(page);
    await createOfficeUser(hq, { name: 'lin', role: 'store_manager', stores: ['S002'], displayName: 'Lin Wei' });
    await createOfficeUser(hq, { name: 'eve', role: 'auditor', displayName: 'Eve Auditor' });
    await openArea(page, 'users');
    await page.getByTestId('user-new').click();
    await page.screenshot({ path: '/tmp/auth-shots/users-new-en.png', fullPage: true });
    await page.getByTestId('users-table').getByRole('button', { name: 'lin' }).click();
    await page.screenshot({ path: '/tmp/auth-shots/users-edit-en.png', fullPage: true });
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.screenshot({ path: '/tmp/auth-shots/users-edit-zh.png', fullPage: true });
    await openArea(page, 'audit');
    await page.getByTestId('audit-table').waitFor();
    await page.screenshot({ path: '/tmp/auth-shots/audit-zh.png', fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    await page.screenshot({ path: '/tmp/auth-shots/audit-en.png', fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    for (let i = 0; i < 11; i++) await call(hq.url, 'POST', '/admin/v1/session', { body: { name: 'eve', password: 'x' } });
    await page.getByTestId('sign-in-name').fill('eve');
    await page.getByTestId('sign-in-password').fill('whatever');
    await page.getByTestId('sign-in-submit').click();
    await page.getByRole('alert').waitFor();
    await page.screenshot({ path: '/tmp/auth-shots/locked-en.png' });
    expect(1).toBe(1);
  } finally {
    await office.close();
  }
}, 120_000);
