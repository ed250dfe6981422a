import Link from 'next/link';
import { PageHeader } from '@/components/admin/page-header';
import { SecuritySettingsForm } from '@/components/settings/security-settings-form';
import { SiteSettingsForm } from '@/components/settings/site-settings-form';
import { requireUser } from '@/lib/auth/session';
import { readSettings } from '@/lib/settings/queries';

export const metadata = { title: '设置' };

export default async function SettingsPage() {
  await requireUser('settings:manage');
  const { security, site } = await readSettings();
  return (
    <>
      <PageHeader title="设置" />
      <section className="section" aria-labelledby="security-heading">
        <h2 id="security-heading">安全</h2>
        <SecuritySettingsForm requireTwoFactorFor={security.requireTwoFactorFor} />
      </section>
      <section className="section" aria-labelledby="site-heading">
        <h2 id="site-heading">站点</h2>
        <SiteSettingsForm settings={site} />
      </section>
      <section className="section" aria-labelledby="search-heading">
        <h2 id="search-heading">搜索</h2>
        <p>
          搜索时，同一组里的词互相替代（如 居民医保 = 城乡居民基本医疗保险）。<Link href="/admin/settings/synonyms">编辑搜索同义词</Link>
        </p>
      </section>
    </>
  );
}
