import Link from 'next/link';
import { notFound } from 'next/navigation';
import styles from '@/components/admin/admin.module.css';
import { PageHeader } from '@/components/admin/page-header';
import { ArticleEditor } from '@/components/articles/article-editor';
import { ReviewThread } from '@/components/articles/review-thread';
import { WorkflowPanel } from '@/components/articles/workflow-panel';
import { TrashedNotice } from '@/components/trash/trashed-notice';
import { editorContentOf, linkedTitle } from '@/lib/articles/editor-content';
import { getArticleForEdit, readLockHolder } from '@/lib/articles/queries';
import { roleHas } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { renderBodyHtml } from '@/lib/content/render-html';
import { formatDateTime } from '@/lib/dates';
import { findTrashedArticle } from '@/lib/trash/queries';
import { workflowPanelProps } from '@/lib/workflow/panel-props';
import { statusLabels } from '@/lib/workflow/transitions';

export const metadata = { title: '编辑文章' };

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser('article:read-draft');
  const { id } = await params;
  const article = await getArticleForEdit(id);
  if (!article) {
    const trashed = await findTrashedArticle(id);
    if (!trashed) notFound();
    return (
      <>
        <PageHeader title={trashed.title} />
        <TrashedNotice article={trashed} />
      </>
    );
  }

  const canEdit = roleHas(user.role, 'article:edit');
  // Read, not taken: the editor's page takes the lock itself once it runs (lib/articles/edit-lock.ts).
  const holder = canEdit ? await readLockHolder(article.id) : null;
  const lockHolder = holder && holder.userId !== user.id ? { name: holder.name, heartbeatAt: holder.heartbeatAt.toISOString() } : null;
  const panel = await workflowPanelProps(user, article);
  const latestReview = article.reviews[0];

  return (
    <>
      <PageHeader title={article.title}>
        <span className={`badge ${article.status}`} data-testid="article-status">
          {statusLabels[article.status]}
        </span>
        {article.status === 'IN_REVIEW' && (
          <Link href={`/admin/articles/${article.id}/review`} className="button">
            审核视图
          </Link>
        )}
        <Link href={`/admin/articles/${article.id}/history`} className="button">
          历史版本
        </Link>
      </PageHeader>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 300px', gap: 24, alignItems: 'start' }}>
        <div>
          {latestReview?.decision === 'CHANGES_REQUESTED' && article.status === 'CHANGES_REQUESTED' && (
            <div className="alert warn" role="note">
              <strong>{latestReview.reviewer.name} 要求修改：</strong>
              {latestReview.comment}
            </div>
          )}
          {canEdit ? (
            <ArticleEditor
              article={{ id: article.id, version: article.version, publishedAt: article.publishedAt ? formatDateTime(article.publishedAt) : null }}
              content={editorContentOf(article)}
              lockHolder={lockHolder}
              canReleaseLocks={roleHas(user.role, 'article:release-lock')}
            />
          ) : (
            <article className={styles.card}>
              <p className="muted">{article.summary}</p>
              <div className="prose" dangerouslySetInnerHTML={{ __html: renderBodyHtml(article.body) }} />
              {article.disclaimer && <p className="muted">{article.disclaimer}</p>}
              <h2 style={{ fontSize: 16 }}>相关推荐（{article.recommendations.length}）</h2>
              <ol>
                {article.recommendations.map((item) => (
                  <li key={item.position}>
                    {item.title}
                    {item.targetArticle && <span className="muted">（链接：{linkedTitle(item.targetArticle)}）</span>}
                  </li>
                ))}
              </ol>
            </article>
          )}
        </div>
        <aside className={styles.card} style={{ position: 'sticky', top: 16 }}>
          <dl style={{ margin: 0 }}>
            <dt className="muted">版本</dt>
            <dd data-testid="article-version">{article.version}</dd>
            <dt className="muted">线上版本</dt>
            <dd>
              {article.publishedRevision ? (
                <Link href={`/a/${article.publishedRevision.slug}`} target="_blank">
                  版本 {article.publishedRevision.articleVersion} ↗
                </Link>
              ) : (
                '未发布'
              )}
            </dd>
            <dt className="muted">最后修改</dt>
            <dd>
              {article.updatedBy?.name ?? '导入'} · {formatDateTime(article.updatedAt)}
            </dd>
            {article.sourceFile && (
              <>
                <dt className="muted">导入来源</dt>
                <dd style={{ wordBreak: 'break-all' }}>{article.sourceFile}</dd>
              </>
            )}
          </dl>
          <hr style={{ border: 0, borderTop: '1px solid var(--line)' }} />
          <WorkflowPanel {...panel} />
          <ReviewThread reviews={article.reviews.map((r) => ({ ...r, reviewerName: r.reviewer.name }))} currentVersion={article.version} />
        </aside>
      </div>
    </>
  );
}
