import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { ReviewThread } from '@/components/articles/review-thread';
import { WorkflowPanel } from '@/components/articles/workflow-panel';
import { ArticleView } from '@/components/public/article-view';
import { PreviewFrame } from '@/components/revisions/preview-frame';
import { VersionDiffView } from '@/components/revisions/version-diff';
import { getArticleForEdit } from '@/lib/articles/queries';
import { requireUser } from '@/lib/auth/session';
import { readVersionPreview } from '@/lib/public/read-published';
import { diffVersions } from '@/lib/revisions/diff';
import { getVersion } from '@/lib/revisions/queries';
import { workflowPanelProps } from '@/lib/workflow/panel-props';
import { statusLabels } from '@/lib/workflow/transitions';

export const metadata = { title: '审核视图' };

// The reviewer's screen: what changed against the live version, the page as readers would see it
// at a phone's or a desktop's width, the decision with its comment, and the earlier decisions.
export default async function ReviewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ view?: string }> }) {
  const user = await requireUser('article:read-draft');
  const { id } = await params;
  const view = (await searchParams).view === 'split' ? 'split' : 'inline';
  const article = await getArticleForEdit(id);
  if (!article) notFound();
  const liveVersion = article.publishedRevision?.articleVersion ?? null;
  const [working, live, preview, panel] = await Promise.all([
    getVersion(id, article.version),
    liveVersion === null ? null : getVersion(id, liveVersion),
    readVersionPreview(id, article.version),
    workflowPanelProps(user, article),
  ]);
  if (!working || !preview) notFound();
  return (
    <>
      <PageHeader title={`审核：${article.title}`}>
        <span className={`badge ${article.status}`} data-testid="article-status">
          {statusLabels[article.status]}
        </span>
        <Link href={`/admin/articles/${id}`} className="button">
          文章页面
        </Link>
        <Link href={`/admin/articles/${id}/history`} className="button">
          历史版本
        </Link>
      </PageHeader>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 300px', gap: 24, alignItems: 'start' }}>
        <div>
          <section aria-label="与线上版本的差异">
            <h2 className="section">{live ? `版本 ${article.version} 与线上版本 ${liveVersion} 的差异` : '新文章：尚无线上版本'}</h2>
            {live && (
              <>
                <p style={{ display: 'flex', gap: 8 }}>
                  <Link
                    href={`/admin/articles/${id}/review`}
                    className={`button${view === 'inline' ? ' primary' : ''}`}
                    aria-current={view === 'inline' ? 'page' : undefined}
                  >
                    合并视图
                  </Link>
                  <Link
                    href={`/admin/articles/${id}/review?view=split`}
                    className={`button${view === 'split' ? ' primary' : ''}`}
                    aria-current={view === 'split' ? 'page' : undefined}
                  >
                    并排视图
                  </Link>
                </p>
                <VersionDiffView
                  diff={diffVersions(live, working)}
                  view={view}
                  beforeLabel={`线上版本 ${liveVersion}`}
                  afterLabel={`版本 ${article.version}`}
                />
              </>
            )}
          </section>
          <h2 className="section">预览（版本 {article.version}）</h2>
          <PreviewFrame>
            <ArticleView article={preview} />
          </PreviewFrame>
        </div>
        <aside>
          <WorkflowPanel {...panel} />
          <ReviewThread reviews={article.reviews.map((r) => ({ ...r, reviewerName: r.reviewer.name }))} currentVersion={article.version} />
        </aside>
      </div>
    </>
  );
}
