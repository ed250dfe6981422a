import { describe, expect, it } from 'vitest';
import { createProgressBar, formatProgressBar } from './progress-bar';

describe('the CLI progress bar', () => {
  it('shows the share done as a bar, the count and a percentage', () => {
    expect(formatProgressBar(4200, 10000, 10)).toBe('导入中 [####------] 4200/10000 (42%)');
    expect(formatProgressBar(0, 10000, 10)).toBe('导入中 [----------] 0/10000 (0%)');
    expect(formatProgressBar(10000, 10000, 10)).toBe('导入中 [##########] 10000/10000 (100%)');
    // Full only when everything is done.
    expect(formatProgressBar(9999, 10000, 10)).toBe('导入中 [#########-] 9999/10000 (99%)');
    expect(formatProgressBar(0, 0, 10)).toBe('导入中 [----------] 0/0 (0%)');
    expect(formatProgressBar(3, 7)).toMatch(/^导入中 \[#{12}-{18}\] 3\/7 \(42%\)$/);
  });

  it('redraws one line in place on a terminal, at most every interval and always at the end', () => {
    const written: string[] = [];
    let time = 0;
    const bar = createProgressBar({ isTTY: true, write: (text) => written.push(text) }, { intervalMs: 100, now: () => time });
    bar.update(1, 4);
    time = 50;
    bar.update(2, 4); // too soon: skipped
    time = 150;
    bar.update(3, 4);
    time = 160;
    bar.update(4, 4); // the last one is always drawn
    bar.finish();
    expect(written).toEqual([`\r${formatProgressBar(1, 4)}\x1b[K`, `\r${formatProgressBar(3, 4)}\x1b[K`, `\r${formatProgressBar(4, 4)}\x1b[K`, '\n']);
  });

  it('writes nothing when the stream is not a terminal (piped, --json)', () => {
    const written: string[] = [];
    const bar = createProgressBar({ isTTY: false, write: (text) => written.push(text) });
    bar.update(1, 2);
    bar.update(2, 2);
    bar.finish();
    expect(written).toEqual([]);
  });

  it('ends no line it never started', () => {
    const written: string[] = [];
    createProgressBar({ isTTY: true, write: (text) => written.push(text) }).finish();
    expect(written).toEqual([]);
  });
});
