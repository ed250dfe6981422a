import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: '保答 · 医保问答', template: '%s · 保答' },
  description: '居民医保、职工医保、异地就医等医疗保险问题的权威解答。',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
