// The editor's unsaved work, kept in this browser (localStorage) until a save has it, so that a
// closed tab, a crash, a server gone away or a lost edit lock loses no typing: the editor offers
// it back on the next visit.
import type { EditableItem } from './recommendation-list-editor';

export type DraftRegion = { code: string; name: string; path?: string[] | null; origin: 'AUTO' | 'MANUAL'; confidence: number };

export type EditorContent = {
  fields: { title: string; slug: string; summary: string; disclaimer: string; contentDate: string };
  body: unknown;
  regions: DraftRegion[];
  rejected: DraftRegion[];
  items: EditableItem[];
};

/** The content, the version it was typed on, and when it was last typed (ISO). */
export type EditorDraft = EditorContent & { baseVersion: number; typedAt: string };

const storageKey = (articleId: string) => `baoda:article-draft:${articleId}`;

export function readDraft(articleId: string): EditorDraft | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey(articleId)) ?? 'null');
    const draft = value as EditorDraft | null;
    if (!draft || typeof draft.baseVersion !== 'number' || typeof draft.typedAt !== 'string' || typeof draft.fields?.title !== 'string') return null;
    return draft;
  } catch {
    return null;
  }
}

export function writeDraft(articleId: string, draft: EditorDraft): void {
  try {
    localStorage.setItem(storageKey(articleId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server's autosave is all there is.
  }
}

export function clearDraft(articleId: string): void {
  try {
    localStorage.removeItem(storageKey(articleId));
  } catch {
    // Nothing to clear.
  }
}

/** Whether a draft says anything the loaded article does not. */
export function differsFrom(draft: EditorContent, loaded: EditorContent): boolean {
  const plain = (c: EditorContent) =>
    JSON.stringify([c.fields, c.body, c.regions.map((r) => [r.code, r.origin]), c.rejected.map((r) => r.code), c.items.map(({ key: _key, ...item }) => item)]);
  return plain(draft) !== plain(loaded);
}
