import Link from 'next/link';
import styles from './public.module.css';

export type Crumb = { name: string; href: string };

/** The path from the home page to the current page, which ends it (not a link). */
export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current: string }) {
  return (
    <nav className={styles.crumbs} aria-label="面包屑">
      <ol>
        {[{ name: '首页', href: '/' }, ...trail].map((crumb) => (
          <li key={crumb.href}>
            <Link href={crumb.href}>{crumb.name}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
