// The users of the back office as a new chain meets them, in Chromium: the first admin made from the
// sign-in screen with the admin token, a store manager of S002 made on the users page, who then signs in
// and sees only S002; the change in the audit log; both pages clean for axe in English and 简体中文.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../helpers/axe';
import {
  OFFICE_ADMIN,
  OFFICE_ADMIN_TOKEN,
  officeShot,
  openArea,
  signInAs,
  startOffice,
  type Office,
} from '../helpers/office';
import { call } from '../helpers/postgres';

let office: Office;
beforeAll(async () => {
  office = await startOffice({ signedIn: false });
  // S001 and S002 are stores once they have an enrolment code.
  for (const store of ['S001', 'S002']) {
    await call(office.hq.url, 'POST', '/admin/v1/enrolment-codes', {
      token: OFFICE_ADMIN_TOKEN,
      body: { store },
    });
  }
});
afterAll(async () => office?.close());

describe('users of the back office', () => {
  it('makes the first admin from the sign-in screen with the admin token', async () => {
    const { page } = office;
    await page.getByTestId('first-admin-open').click();
    await page.getByTestId('first-admin-token').fill(OFFICE_ADMIN_TOKEN);
    await page.getByTestId('first-admin-name').fill(OFFICE_ADMIN.name);
    await page.getByTestId('first-admin-display-name').fill(OFFICE_ADMIN.displayName);
    await page.getByTestId('first-admin-password').fill(OFFICE_ADMIN.password);
    await page.getByTestId('first-admin-repeat').fill(OFFICE_ADMIN.password);
    expect(await axeProblems(page, 'first admin')).toEqual([]);
    await page.getByTestId('first-admin-submit').click();
    await expect
      .poll(() => page.getByTestId('signed-in-as').textContent())
      .toMatch(/^admin · Admin · all stores/);
  });

  it('makes a store manager of S002, who signs in and sees only S002', async () => {
    const { page } = office;
    await openArea(page, 'users');
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-name').fill('lin');
    await page.getByTestId('user-display-name').fill('Lin Wei');
    await page.getByTestId('user-role').selectOption('store_manager');
    await page.getByTestId('user-stores').fill('S009');
    await page.getByTestId('user-password').fill('lin-password-123');
    await page.getByTestId('user-create').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('HQ knows no store S009');
    await page.getByTestId('user-stores').fill('S002');
    await page.getByTestId('user-create').click();
    const table = page.getByTestId('users-table');
    await expect
      .poll(() => table.locator('tbody tr').allTextContents())
      .toEqual([
        expect.stringMatching(/^adminOffice AdminAdminall storesActive/),
        expect.stringMatching(/^linLin WeiStore managerS002Active/),
      ]);
    await table.getByRole('button', { name: 'lin' }).click();
    await page.getByTestId('user-edit-form').waitFor();
    expect(await axeProblems(page, 'users in English')).toEqual([]);
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('用户');
    expect(await axeProblems(page, 'users in Chinese')).toEqual([]);

    await openArea(page, 'audit');
    const log = page.getByTestId('audit-table');
    await expect.poll(() => log.locator('tbody tr').first().textContent()).toContain('user.create');
    const created = log.locator('tbody tr', { hasText: 'user: lin' });
    await expect.poll(() => created.textContent()).toMatch(/rolestore_manager.*storesS002/);
    expect(await axeProblems(page, 'audit in Chinese')).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('audit-targetId').fill('admin');
    await page.getByTestId('audit-apply').click();
    await expect
      .poll(() => log.locator('tbody tr').allTextContents())
      .toEqual([expect.stringMatching(/\(admin token\)user\.createuser: admin/)]);
    expect(await axeProblems(page, 'audit in English')).toEqual([]);

    // Thirty changes of one kind, a second apart: paged 25 at a time, older and back, the filter kept.
    await office.hq.db.query(
      `INSERT INTO office_audit (id, at, actor_kind, actor_name, action, target_type, target_id)
       SELECT gen_random_uuid(), now() - (31 - n) * interval '1 second', 'user', 'admin', 'paging.test', 'thing', 'n' || n
       FROM generate_series(1, 30) AS n`,
    );
    await page.getByTestId('audit-targetId').fill('');
    await page.getByTestId('audit-action').fill('paging');
    await page.getByTestId('audit-apply').click();
    await page.getByLabel('Entries per page').selectOption('25');
    const targets = async () =>
      (await log.locator('tbody tr').allTextContents()).map((row) => /thing: (n\d+)/.exec(row)?.[1]);
    await expect.poll(targets).toHaveLength(25);
    expect((await targets())[0]).toBe('n30');
    const pager = page.getByRole('navigation', { name: 'Pages of the audit log' });
    expect(await pager.getByRole('button', { name: '← Newer' }).isDisabled()).toBe(true);
    await pager.getByRole('button', { name: 'Older →' }).click();
    await expect.poll(targets).toEqual(['n5', 'n4', 'n3', 'n2', 'n1']);
    expect(await page.getByTestId('audit-page').textContent()).toBe('Page 2');
    expect(await pager.getByRole('button', { name: 'Older →' }).isDisabled()).toBe(true);
    expect(await axeProblems(page, 'audit, an older page')).toEqual([]);
    await officeShot(page, 'audit-page2-en');
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect.poll(() => page.getByTestId('audit-page').textContent()).toBe('第 2 页');
    expect(await axeProblems(page, 'audit, an older page in Chinese')).toEqual([]);
    await officeShot(page, 'audit-page2-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await pager.getByRole('button', { name: '← Newer' }).click();
    await expect.poll(async () => (await targets())[0]).toBe('n30');
    expect(await targets()).toHaveLength(25);
    expect(await page.getByTestId('audit-page').textContent()).toBe('Page 1');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAs(page, 'lin', 'lin-password-123');
    await expect
      .poll(() => page.getByTestId('signed-in-as').textContent())
      .toBe('lin · Store manager · S002');
    expect(await page.getByTestId('nav-users').count()).toBe(0);
  });

  it('lets the store manager change their own password; the old one no longer signs in', async () => {
    const { page } = office;
    await page.getByRole('button', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change your password' });
    await dialog.getByLabel('Current password').fill('lin-password-123');
    await dialog.getByLabel('New password (at least 12 characters)').fill('lin-new-password-456');
    await dialog.getByLabel('New password again').fill('lin-new-password-45');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('not the same');
    await dialog.getByLabel('New password again').fill('lin-new-password-456');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('Your password is changed');
    expect(await axeProblems(page, 'password changed')).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('sign-in-name').fill('lin');
    await page.getByTestId('sign-in-password').fill('lin-password-123');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The name or the password is wrong.');
    await signInAs(page, 'lin', 'lin-new-password-456');
  });
});
