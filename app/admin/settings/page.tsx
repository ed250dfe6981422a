import { PageHeader } from '@/components/admin/page-header';
import { SecuritySettingsForm } from '@/components/settings/security-settings-form';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { getSecuritySettings } from '@/lib/settings/security-settings';

export const metadata = { title: '设置' };

export default async function SettingsPage() {
  await requireUser('settings:manage');
  const security = await getSecuritySettings(db);
  return (
    <>
      <PageHeader title="设置" />
      <section className="section" aria-labelledby="security-heading">
        <h2 id="security-heading">安全</h2>
        <SecuritySettingsForm requireTwoFactorFor={security.requireTwoFactorFor} />
      </section>
    </>
  );
}
