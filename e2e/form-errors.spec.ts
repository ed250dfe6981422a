import { expect, test } from '@playwright/test';
import { pageAs } from './fixtures';

// A refused form says what is wrong beside each field (lib/actions/define-action.ts → fieldErrors),
// tied to the field for assistive technology, and keeps what was typed.
test('the site settings form shows each refused field its own message, beside it, and saves nothing', async ({ browser }) => {
  const admin = await pageAs(browser, 'admin');
  await admin.goto('/admin/settings');
  const siteName = admin.getByLabel('网站名称', { exact: true });
  const icp = admin.getByLabel('ICP 备案号');
  const contact = admin.getByLabel('联系方式');
  const icpBefore = await icp.inputValue();
  const contactBefore = await contact.inputValue();

  await icp.fill('备案123');
  await contact.fill('无');
  await admin.getByRole('button', { name: '保存站点设置' }).click();

  // The summary names both; each field has its own message right below it, and only that one.
  const summary = admin.getByRole('form', { name: '站点设置' }).getByRole('alert');
  await expect(summary).toContainText('ICP 备案号应形如');
  await expect(summary).toContainText('联系方式须是电子邮箱或电话号码');
  for (const [field, message] of [
    [icp, 'ICP 备案号应形如“京ICP备12345678号-1”'],
    [contact, '联系方式须是电子邮箱或电话号码'],
  ] as const) {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(new RegExp(`^${message}`));
    const errorId = (await field.getAttribute('aria-describedby'))!.split(' ')[0];
    const error = admin.locator(`[id="${errorId}"]`);
    await expect(error).toHaveText(message);
    await expect(error).toBeVisible();
    // Beside its field: the next element after the input, in the field's own block.
    expect(await field.evaluate((input, id) => input.nextElementSibling?.id === id, errorId)).toBe(true);
  }
  await expect(siteName).not.toHaveAttribute('aria-invalid', 'true');
  // What was typed stays, to be corrected.
  await expect(icp).toHaveValue('备案123');
  await expect(contact).toHaveValue('无');

  // Nothing was saved.
  await admin.reload();
  await expect(icp).toHaveValue(icpBefore);
  await expect(contact).toHaveValue(contactBefore);
  await expect(icp).not.toHaveAttribute('aria-invalid', 'true');
  await admin.context().close();
});
