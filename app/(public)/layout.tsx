import Link from 'next/link';
import styles from '@/components/public/public.module.css';
import { SearchBox } from '@/components/public/search-box';

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <Link href="/" className={styles.logo}>保答</Link>
          <nav className={styles.nav} aria-label="主导航">
            <Link href="/">最新</Link>
            <Link href="/regions">按地区</Link>
            <Link href="/months">按月份</Link>
          </nav>
          <SearchBox />
        </div>
      </header>
      <main className={styles.main}>{children}</main>
      <footer className={styles.footer}>
        <div className={styles.footerInner}>保答 · 医保问答。内容仅供参考，具体以当地医保部门政策为准。</div>
      </footer>
    </>
  );
}
