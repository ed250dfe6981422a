import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/public/public.module.css';
import { SiteFooter } from '@/components/public/site-footer';
import { getPublicSiteSettings } from '@/lib/public/queries';
import { siteMetadata } from '@/lib/public/site-metadata';
import { SearchBox } from '@/components/public/search-box';

// The site settings (lib/settings/site-settings.ts) are read tagged `public:site`: saving them
// expires every public page.
export async function generateMetadata(): Promise<Metadata> {
  return siteMetadata(await getPublicSiteSettings());
}

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const settings = await getPublicSiteSettings();
  return (
    <>
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <Link href="/" className={styles.logo}>
            {settings.siteName}
          </Link>
          <nav className={styles.nav} aria-label="主导航">
            <Link href="/">最新</Link>
            <Link href="/regions">按地区</Link>
            <Link href="/months">按月份</Link>
          </nav>
          <SearchBox />
        </div>
      </header>
      <main className={styles.main}>{children}</main>
      <SiteFooter settings={settings} />
    </>
  );
}
