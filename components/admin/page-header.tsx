import styles from './admin.module.css';

export function PageHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className={styles.pageHeader}>
      <h1>{title}</h1>
      {children ? <div>{children}</div> : null}
    </div>
  );
}
