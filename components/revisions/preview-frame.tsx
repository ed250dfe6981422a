'use client';

import { useState } from 'react';

const widths = { phone: 390, desktop: 860 } as const;

/** The reader's view of a version at a phone's or a desktop's width, switched by the reviewer. */
export function PreviewFrame({ children }: { children: React.ReactNode }) {
  const [width, setWidth] = useState<keyof typeof widths>('phone');
  return (
    <section aria-label="预览">
      <div role="group" aria-label="预览宽度" style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
        {(['phone', 'desktop'] as const).map((w) => (
          <button key={w} type="button" className={`button${width === w ? ' primary' : ''}`} aria-pressed={width === w} onClick={() => setWidth(w)}>
            {w === 'phone' ? '手机' : '电脑'}（{widths[w]} px）
          </button>
        ))}
      </div>
      <div
        data-testid="preview"
        data-width={widths[width]}
        style={{ width: widths[width], maxWidth: '100%', border: '1px solid var(--line)', borderRadius: 8, padding: 16, background: '#fff', overflow: 'auto' }}
      >
        {children}
      </div>
    </section>
  );
}
