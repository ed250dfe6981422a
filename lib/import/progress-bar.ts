// The CLI's progress bar (npm run import), drawn on stderr when it is a terminal: stdout keeps
// only the report, so `--json` output stays one JSON document.

const barWidth = 30;

/** e.g. `导入中 [#########---------------------] 4200/10000 (42%)`; full only when everything is done. */
export function formatProgressBar(processed: number, total: number, width = barWidth): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, processed / total)) : 0;
  const filled = Math.floor(ratio * width);
  return `导入中 [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${processed}/${total} (${Math.floor(ratio * 100)}%)`;
}

export type ProgressStream = { isTTY?: boolean; write: (text: string) => unknown };

export type ProgressBar = { update: (processed: number, total: number) => void; finish: () => void };

/**
 * A bar redrawn in place (carriage return, then erase to the end of the line) at most every
 * `intervalMs`, and always at 100 %. On anything but a terminal it draws nothing.
 */
export function createProgressBar(stream: ProgressStream, options: { intervalMs?: number; now?: () => number } = {}): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, finish: () => {} };
  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  let drawnAt: number | null = null;
  return {
    update(processed, total) {
      const time = now();
      if (drawnAt !== null && processed < total && time - drawnAt < intervalMs) return;
      drawnAt = time;
      stream.write(`\r${formatProgressBar(processed, total)}\x1b[K`);
    },
    finish() {
      // The report starts on a line of its own.
      if (drawnAt !== null) stream.write('\n');
    },
  };
}
