import { diffArrays, diffChars } from 'diff';
import type { BodyBlock, BodyHeading, BodyInline, BodyParagraph } from '@/lib/content/body-types';
import { sanitizeBodyDoc } from '@/lib/content/sanitize-body';
import { extractPolicyYears } from '@/lib/articles/policy-years';
import type { RevisionRecommendation, RevisionRegion } from '@/lib/articles/write-revision';
import { regionPath } from '@/lib/regions/region-path';

// What changed between two versions of an article, for people to read: field by field, the body
// block by block (headings, paragraphs and list items stay aligned) and, inside a changed block,
// character by character — Chinese has no spaces, so a word diff would split nothing. The
// recommendation list item by item (added, removed, moved, edited). The diffing itself is jsdiff's
// (the `diff` package); this file decides what is compared with what.

/** A run of text that both versions share, or that only the newer (ins) or older (del) one has. */
export type TextPart = { kind: 'same' | 'ins' | 'del'; text: string };

export function diffText(before: string, after: string): TextPart[] {
  return diffChars(before, after).map((change) => ({ kind: change.added ? 'ins' : change.removed ? 'del' : 'same', text: change.value }));
}

/** One block of the body as the reader sees it: a heading, a paragraph, a list item (its own text), a rule. */
export type DiffBlock = { kind: 'heading' | 'paragraph' | 'listItem' | 'rule'; text: string; level?: number; depth: number; quoted: boolean };

export function bodyBlocks(doc: unknown): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  collect(sanitizeBodyDoc(doc).content, 0, false, blocks);
  return blocks;
}

function collect(nodes: BodyBlock[], depth: number, quoted: boolean, out: DiffBlock[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        if (inlineText(node.content).trim()) out.push({ kind: 'paragraph', text: inlineText(node.content), depth, quoted });
        break;
      case 'heading':
        out.push({ kind: 'heading', text: inlineText(node.content), level: node.attrs.level, depth, quoted });
        break;
      case 'bulletList':
      case 'orderedList':
        for (const item of node.content) {
          // An item is its own paragraphs; lists inside it follow as deeper items.
          const own = item.content.filter((child): child is BodyParagraph | BodyHeading => child.type === 'paragraph' || child.type === 'heading');
          out.push({ kind: 'listItem', text: own.map((child) => inlineText(child.content)).join('\n'), depth, quoted });
          collect(
            item.content.filter((child) => child.type !== 'paragraph' && child.type !== 'heading'),
            depth + 1,
            quoted,
            out,
          );
        }
        break;
      case 'blockquote':
        collect(node.content, depth, true, out);
        break;
      case 'horizontalRule':
        out.push({ kind: 'rule', text: '', depth, quoted });
        break;
    }
  }
}

function inlineText(nodes: BodyInline[] | undefined): string {
  return (nodes ?? []).map((node) => (node.type === 'text' ? node.text : '\n')).join('');
}

export type BlockChange =
  | { type: 'same'; block: DiffBlock }
  | { type: 'added' | 'removed'; block: DiffBlock }
  /** The same text at another place: shown where it went (`to`) and where it was (`from`). */
  | { type: 'movedFrom' | 'movedTo'; block: DiffBlock }
  | { type: 'changed'; before: DiffBlock; after: DiffBlock; parts: TextPart[] };

const sameBlock = (a: DiffBlock, b: DiffBlock) => a.kind === b.kind && a.text === b.text && a.level === b.level && a.depth === b.depth && a.quoted === b.quoted;

/** Share of characters two texts have in common (0–1): above a third, a removed and an added block are one edited block. */
function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  const common = diffChars(a, b).reduce((n, change) => n + (change.added || change.removed ? 0 : change.value.length), 0);
  return common / longest;
}

export function diffBody(beforeDoc: unknown, afterDoc: unknown): BlockChange[] {
  const changes: BlockChange[] = [];
  let removed: DiffBlock[] = [];
  let added: DiffBlock[] = [];
  // A removed run followed by an added run: paired in order as edits where they are alike enough.
  const flush = () => {
    const pairs = Math.min(removed.length, added.length);
    for (let i = 0; i < pairs; i++) {
      if (removed[i].kind === added[i].kind && similarity(removed[i].text, added[i].text) >= 1 / 3) {
        changes.push({ type: 'changed', before: removed[i], after: added[i], parts: diffText(removed[i].text, added[i].text) });
      } else {
        changes.push({ type: 'removed', block: removed[i] }, { type: 'added', block: added[i] });
      }
    }
    for (const block of removed.slice(pairs)) changes.push({ type: 'removed', block });
    for (const block of added.slice(pairs)) changes.push({ type: 'added', block });
    removed = [];
    added = [];
  };
  for (const change of diffArrays(bodyBlocks(beforeDoc), bodyBlocks(afterDoc), { comparator: sameBlock })) {
    if (change.removed) removed.push(...change.value);
    else if (change.added) added.push(...change.value);
    else {
      flush();
      for (const block of change.value) changes.push({ type: 'same', block });
    }
  }
  flush();
  return markMoves(changes);
}

/** A block removed in one place and added unchanged in another was moved. */
function markMoves(changes: BlockChange[]): BlockChange[] {
  const removedAt = new Map<string, number[]>();
  const key = (block: DiffBlock) => `${block.kind}\u0000${block.depth}\u0000${block.text}`;
  changes.forEach((change, i) => {
    if (change.type === 'removed' && change.block.text) removedAt.set(key(change.block), [...(removedAt.get(key(change.block)) ?? []), i]);
  });
  const result = [...changes];
  changes.forEach((change, i) => {
    if (change.type !== 'added') return;
    const from = removedAt.get(key(change.block))?.shift();
    if (from === undefined) return;
    result[from] = { type: 'movedFrom', block: change.block };
    result[i] = { type: 'movedTo', block: change.block };
  });
  return result;
}

export type ItemChange = {
  type: 'same' | 'added' | 'removed' | 'moved' | 'edited';
  item: RevisionRecommendation;
  /** For moved and edited items: the item as it was. */
  before?: RevisionRecommendation;
  /** 1-based places in the older and newer list. */
  from?: number;
  to?: number;
  /** For edited (and moved-and-edited) items: the fields that differ. */
  edited: (keyof RevisionRecommendation)[];
};

const itemFields = ['title', 'summary', 'category', 'itemDate', 'targetArticleId'] as const;
/** An item is the same item when it links the same article, or, unlinked, has the same title. */
const itemKey = (item: RevisionRecommendation) => (item.targetArticleId ? `id:${item.targetArticleId}` : `title:${item.title}`);

/** The newer list in its order, with each item's change, and the removed items at their old places. */
export function diffRecommendations(before: RevisionRecommendation[], after: RevisionRecommendation[]): ItemChange[] {
  const unmatched = new Map<string, number[]>();
  before.forEach((item, i) => unmatched.set(itemKey(item), [...(unmatched.get(itemKey(item)) ?? []), i]));
  const matchOf = after.map((item) => unmatched.get(itemKey(item))?.shift());
  // Matched items that keep their relative order (the longest common subsequence of the old
  // positions in old and in new order) stayed; the others moved.
  const matched = matchOf.filter((i): i is number => i !== undefined);
  const stayed = new Set<number>();
  for (const change of diffArrays(
    [...matched].sort((a, b) => a - b),
    matched,
  )) {
    if (!change.added && !change.removed) for (const i of change.value) stayed.add(i);
  }
  const changes: ItemChange[] = after.map((item, k) => {
    const i = matchOf[k];
    if (i === undefined) return { type: 'added', item, to: k + 1, edited: [] };
    const edited = itemFields.filter((field) => (before[i][field] ?? '') !== (item[field] ?? ''));
    const type = !stayed.has(i) ? 'moved' : edited.length ? 'edited' : 'same';
    return { type, item, before: before[i], from: i + 1, to: k + 1, edited };
  });
  // Removed items go back in at their old places among the newer list.
  const matchedBefore = new Set(matched);
  before.forEach((item, i) => {
    if (matchedBefore.has(i)) return;
    const at = changes.findIndex((change) => change.from !== undefined && change.from > i + 1);
    changes.splice(at === -1 ? changes.length : at, 0, { type: 'removed', item, from: i + 1, edited: [] });
  });
  return changes;
}

/** What a version shows, as far as a comparison needs it. */
export type VersionSnapshot = {
  title: string;
  slug: string;
  summary: string;
  contentDate: string | null;
  regions: RevisionRegion[];
  disclaimer: string;
  plainText: string;
  body: unknown;
  recommendations: RevisionRecommendation[];
};

export type FieldChange = { field: string; label: string; before: string; after: string; parts: TextPart[] };

const fieldLabels = {
  title: '标题',
  summary: '摘要',
  slug: '网址（slug）',
  contentDate: '内容日期',
  regions: '地区',
  policyYears: '政策年份',
  disclaimer: '免责声明',
} as const;

function fieldValues(version: VersionSnapshot): Record<keyof typeof fieldLabels, string> {
  return {
    title: version.title,
    summary: version.summary,
    slug: version.slug,
    contentDate: version.contentDate ?? '',
    regions: version.regions.map((r) => regionPath(r.code).join(' › ') || r.code).join('、'),
    policyYears: extractPolicyYears(`${version.title}\n${version.plainText}`)
      .map((year) => `${year}年`)
      .join('、'),
    disclaimer: version.disclaimer,
  };
}

export type VersionDiff = { fields: FieldChange[]; body: BlockChange[]; recommendations: ItemChange[]; changed: boolean };

export function diffVersions(before: VersionSnapshot, after: VersionSnapshot): VersionDiff {
  const a = fieldValues(before);
  const b = fieldValues(after);
  const fields = (Object.keys(fieldLabels) as (keyof typeof fieldLabels)[])
    .filter((field) => a[field] !== b[field])
    .map((field) => ({ field, label: fieldLabels[field], before: a[field], after: b[field], parts: diffText(a[field], b[field]) }));
  const body = diffBody(before.body, after.body);
  const recommendations = diffRecommendations(before.recommendations, after.recommendations);
  const changed = fields.length > 0 || body.some((c) => c.type !== 'same') || recommendations.some((c) => c.type !== 'same');
  return { fields, body, recommendations, changed };
}
