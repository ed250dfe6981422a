import Link from 'next/link';
import { PageHeader } from '@/components/admin/page-header';
import { SynonymGroupForm, DeleteSynonymGroupButton } from '@/components/settings/synonym-forms';
import { requireUser } from '@/lib/auth/session';
import { readSynonymGroups } from '@/lib/search/queries';

export const metadata = { title: '搜索同义词' };

export default async function SynonymsPage() {
  await requireUser('settings:manage');
  const groups = await readSynonymGroups();
  return (
    <>
      <p>
        <Link href="/admin/settings">← 设置</Link>
      </p>
      <PageHeader title="搜索同义词" />
      <p className="muted">同一组里的词在搜索时视为同一个词：搜索其中任何一个，也会找到含有组内其他词的文章。词之间用逗号或顿号分隔。</p>
      <section className="section" aria-labelledby="add-heading">
        <h2 id="add-heading">新增同义词组</h2>
        <SynonymGroupForm />
      </section>
      <section className="section" aria-labelledby="groups-heading">
        <h2 id="groups-heading">现有同义词组（{groups.length}）</h2>
        {groups.length === 0 ? (
          <p className="muted">还没有同义词组。</p>
        ) : (
          <ul aria-label="同义词组">
            {groups.map((g) => (
              <li key={g.id} data-testid="synonym-group">
                <SynonymGroupForm id={g.id} terms={g.terms} />
                <DeleteSynonymGroupButton id={g.id} label={g.terms.join('、')} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
