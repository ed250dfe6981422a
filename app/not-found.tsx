import Link from 'next/link';

export default function NotFound() {
  return (
    <main style={{ maxWidth: 560, margin: '15vh auto', padding: 24, textAlign: 'center' }}>
      <h1>页面不存在</h1>
      <p className="muted">你访问的页面不存在或尚未发布。</p>
      <Link href="/" className="button">
        返回首页
      </Link>
    </main>
  );
}
