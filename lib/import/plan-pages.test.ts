import { describe, expect, it } from 'vitest';
import type { DetectedRegion } from '@/lib/regions/detect-regions';
import type { PageCandidate } from './analyse-units';
import { decideImport } from './decide-import';
import { planVersions, type ExistingPageArticle, type PageState, type PreparedPage } from './plan-pages';

// The pure half of the import's planner: decided pages and the state they meet in, versions out.

function prepared(position: number, title: string, itemTitles: string[] = [], regions: string[] = []): PreparedPage {
  const candidate: PageCandidate = {
    kind: 'page',
    identity: title,
    sourceKey: `key:${title}`,
    hash: `hash:${title}:${itemTitles.join('|')}`,
    page: {
      title,
      summary: '',
      body: { type: 'doc', content: [] },
      disclaimer: '',
      items: itemTitles.map((t) => ({ title: t, summary: '', category: '', date: null })),
      contentDate: null,
      warnings: [],
    },
    regions: regions.map((code) => ({ code, confidence: 0.8 }) as DetectedRegion),
  };
  return { position, fileName: `${position}.txt`, candidate, force: false, slugBase: 'same-base', plainText: '', search: '' };
}

const emptyState = (): PageState => ({ takenSlugs: new Set(), titleOwners: new Map(), manualRegionCodes: new Map() });

function plan(pages: PreparedPage[], existing = new Map<string, ExistingPageArticle>(), state = emptyState()) {
  const decided = pages.map((page) => ({
    page,
    decision: decideImport(page.candidate.hash, existing.get(page.candidate.sourceKey) ?? null, { force: page.force }),
  }));
  return planVersions(decided, existing, state);
}

describe('planVersions', () => {
  it('gives new pages free slugs in batch order, past the taken ones', () => {
    const state = emptyState();
    state.takenSlugs.add('same-base');
    const { versions, created } = plan([prepared(0, '甲'), prepared(1, '乙')], undefined, state);
    expect(versions.map((v) => v.create?.slug)).toEqual(['same-base-2', 'same-base-3']);
    expect(created.map((c) => c.title)).toEqual(['甲', '乙']);
  });

  it('links an item to a page written before it in the chunk, not to one written after', () => {
    const { versions } = plan([prepared(0, '甲'), prepared(1, '乙', ['甲', '丙']), prepared(2, '丙')]);
    const [a, b, c] = versions;
    expect(b.items!.map((i) => i.targetArticleId)).toEqual([a.articleId, null]);
    expect(c.articleId).not.toBe(a.articleId);
  });

  it('updates an existing article from its version, keeps editors’ tags and rejected suggestions out of the suggestions', () => {
    const existing = new Map<string, ExistingPageArticle>([
      [
        'key:甲',
        { id: 'a1', status: 'PUBLISHED', version: 3, importedVersion: 3, deletedAt: null, matchHash: 'old', title: '甲', rejectedRegionCodes: ['440100'] },
      ],
    ]);
    const state = emptyState();
    state.manualRegionCodes.set('a1', ['110000']);
    const { versions, outcomes } = plan([prepared(0, '甲', [], ['440100', '110000', '310000'])], existing, state);
    expect(outcomes[0].decision.action).toBe('update');
    expect(versions[0]).toMatchObject({
      articleId: 'a1',
      from: { version: 3, status: 'PUBLISHED' },
      imported: true,
      regions: { replace: 'auto', rows: [{ regionCode: '310000', origin: 'AUTO', confidence: 0.8 }] },
      revision: { note: '重新导入 0.txt' },
      audit: { action: 'article.import', summary: { outcome: 'updated', file: '0.txt' } },
    });
  });

  it('writes nothing for an unchanged page or a conflict', () => {
    const existing = new Map<string, ExistingPageArticle>([
      ['key:甲', { id: 'a1', status: 'DRAFT', version: 1, importedVersion: 1, deletedAt: null, matchHash: 'hash:甲:', title: '甲', rejectedRegionCodes: [] }],
      ['key:乙', { id: 'b1', status: 'DRAFT', version: 2, importedVersion: 1, deletedAt: null, matchHash: 'old', title: '乙', rejectedRegionCodes: [] }],
    ]);
    const { versions, outcomes } = plan([prepared(0, '甲'), prepared(1, '乙')], existing);
    expect(versions).toEqual([]);
    expect(outcomes.map((o) => o.decision.action)).toEqual(['unchanged', 'fail']);
  });
});
