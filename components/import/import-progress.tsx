'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { isImportFinished, type ImportProgress as Progress } from '@/lib/import/batch-progress';

const pollMs = 1000;

/**
 * A queued or running import's progress, polled about once a second from the batch's progress
 * route. When the import ends the page is refreshed, and the server renders the report instead.
 */
export function ImportProgress({ batchId, initial }: { batchId: string; initial: Progress }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    // One request at a time: the next one is sent a second after the last answer.
    const poll = async () => {
      try {
        const response = await fetch(`/admin/import/history/${batchId}/progress`, { cache: 'no-store' });
        if (response.ok) {
          const next = (await response.json()) as Progress;
          if (stopped) return;
          setProgress(next);
          if (isImportFinished(next.status)) {
            router.refresh();
            return;
          }
        } else if (response.status >= 400 && response.status < 500) {
          // Signed out, no longer allowed, or the batch is gone: polling cannot help; the
          // refreshed page says which.
          router.refresh();
          return;
        }
      } catch {
        // The server is busy or restarting: try again at the next tick.
      }
      if (!stopped) timer = setTimeout(poll, pollMs);
    };
    timer = setTimeout(poll, pollMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchId, router]);

  const { status, processedFiles, totalFiles } = progress;
  const running = status === 'RUNNING' && totalFiles > 0;
  const percent = running ? Math.floor((processedFiles / totalFiles) * 100) : 0;
  return (
    <section aria-label="导入进度" style={{ margin: '20px 0' }}>
      <p role="status">
        {status === 'QUEUED' && '已提交，排队等待后台导入…'}
        {status === 'RUNNING' && `正在后台导入：已处理 ${processedFiles} / ${totalFiles}（${percent}%）`}
        {isImportFinished(status) && '导入已结束，正在载入结果…'}
      </p>
      {/* Without a value the bar is indeterminate: the number of files is known once the import starts. */}
      <progress
        aria-label="导入进度"
        max={running ? totalFiles : undefined}
        value={running ? processedFiles : undefined}
        style={{ width: '100%', height: 18 }}
      />
      <p className="muted" style={{ fontSize: 13 }}>
        可以离开本页，导入会在后台继续；稍后在“导入记录”中查看结果。
      </p>
    </section>
  );
}
