// The shapes of a revision's snapshot (written by lib/articles/write-versions.ts).

export type RevisionRegion = { code: string; origin: 'AUTO' | 'MANUAL'; confidence: number };
export type RevisionRecommendation = {
  title: string;
  summary: string;
  category: string;
  itemDate: string | null;
  targetArticleId: string | null;
};

/** The note of a revision grown by the editor's autosaves (lib/articles/save-article.ts). */
export const AUTOSAVE_NOTE = '自动保存';
