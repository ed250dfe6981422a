import Link from 'next/link';
import type { TrashConfirmation as Confirmation } from '@/lib/trash/queries';
import { trashRetentionDays } from '@/lib/trash/retention';
import { statusLabels } from '@/lib/workflow/transitions';
import { MoveToTrashForm } from './move-to-trash-form';
import styles from './trash.module.css';

/** What moving this article to the trash does, said before it is done (the panel's 移到回收站). */
export function TrashConfirmation({ article }: { article: Confirmation }) {
  const { linking } = article;
  if (!article.canTrash) {
    return (
      <>
        <p className="alert error" role="alert">
          你不能把这篇文章移到回收站：编辑只能移动自己创建、尚未发布的草稿（状态为“草稿”或“需修改”）。当前状态：{statusLabels[article.status]}
          {article.liveSlug && '，线上有发布的版本'}。
        </p>
        <Link href={`/admin/articles/${article.id}`} className="button">
          返回文章
        </Link>
      </>
    );
  }
  return (
    <section aria-label="确认移到回收站">
      {article.liveSlug ? (
        <div className="alert warn" role="note">
          <p>
            这篇文章正在线上（
            <Link href={`/a/${article.liveSlug}`} target="_blank">
              /a/{article.liveSlug}
            </Link>
            ）。移到回收站会先将它下线：它的地址将返回“已删除”（410），它也会从首页、地区和月份列表、搜索、网站地图和 RSS 中移除。
          </p>
        </div>
      ) : (
        <p>这篇文章没有线上版本，网站上看不到它。</p>
      )}
      <p>回收站中的文章不出现在文章列表中，可以在回收站中恢复（恢复后为草稿，需重新审核才能发布）；移入 {trashRetentionDays} 天后自动永久删除。</p>
      {linking.total === 0 ? (
        <p className="muted">没有其他文章的相关推荐链接到它。</p>
      ) : (
        <>
          <p>
            以下 {linking.total} 篇文章的相关推荐链接到它
            {article.liveSlug
              ? '。下线后，网站上这些推荐显示为不带链接的卡片：标“线上页面”的立即如此，标“工作版本”的在那篇文章发布后如此。'
              : '。它没有线上版本，网站上这些推荐本来就是不带链接的卡片。'}
            链接保留：文章恢复并重新发布后，它们又是链接；永久删除后，它们成为普通条目。
          </p>
          <ul className={styles.linking} aria-label="链接到它的文章">
            {linking.pages.map((page) => (
              <li key={page.id}>
                <Link href={`/admin/articles/${page.id}`}>{page.title}</Link>
                <span className={`badge ${page.linksLive ? 'PUBLISHED' : 'DRAFT'} ${styles.tag}`}>{page.linksLive ? '线上页面' : '工作版本'}</span>
              </li>
            ))}
          </ul>
          {linking.total > linking.pages.length && <p className="muted">另有 {linking.total - linking.pages.length} 篇未列出。</p>}
        </>
      )}
      <MoveToTrashForm articleId={article.id} version={article.version} label={article.liveSlug ? '下线并移到回收站' : '移到回收站'} />
    </section>
  );
}
