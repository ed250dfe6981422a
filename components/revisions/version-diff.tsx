import type { BlockChange, DiffBlock, ItemChange, TextPart, VersionDiff } from '@/lib/revisions/diff';
import styles from './diff.module.css';

// A comparison of two versions (lib/revisions/diff.ts): inline, with insertions and deletions
// marked up as <ins> and <del>, or side by side.

function Parts({ parts, show = ['same', 'ins', 'del'] }: { parts: TextPart[]; show?: TextPart['kind'][] }) {
  return parts
    .filter((part) => show.includes(part.kind))
    .map((part, i) =>
      part.kind === 'ins' ? <ins key={i}>{part.text}</ins> : part.kind === 'del' ? <del key={i}>{part.text}</del> : <span key={i}>{part.text}</span>,
    );
}

const blockClass = (block: DiffBlock) => `${styles.block} ${block.kind === 'heading' ? styles.heading : block.kind === 'listItem' ? styles.listItem : ''}`;
const blockText = (block: DiffBlock) => (block.kind === 'rule' ? '———' : block.text);

function InlineBlock({ change }: { change: BlockChange }) {
  if (change.type === 'changed') {
    return (
      <div className={blockClass(change.after)} data-change="changed">
        <Parts parts={change.parts} />
      </div>
    );
  }
  const text = blockText(change.block);
  const content =
    change.type === 'added' || change.type === 'movedTo' ? (
      <ins>{text}</ins>
    ) : change.type === 'removed' || change.type === 'movedFrom' ? (
      <del>{text}</del>
    ) : (
      text
    );
  return (
    <div className={blockClass(change.block)} data-change={change.type}>
      {content}
      {change.type === 'movedFrom' && <span className={styles.note}>（移到下文）</span>}
      {change.type === 'movedTo' && <span className={styles.note}>（从上文移来）</span>}
    </div>
  );
}

function SideBlock({ change, side }: { change: BlockChange; side: 'before' | 'after' }) {
  if (change.type === 'changed') {
    return (
      <div className={blockClass(side === 'before' ? change.before : change.after)} data-change="changed">
        <Parts parts={change.parts} show={side === 'before' ? ['same', 'del'] : ['same', 'ins']} />
      </div>
    );
  }
  const onlyAfter = change.type === 'added' || change.type === 'movedTo';
  const onlyBefore = change.type === 'removed' || change.type === 'movedFrom';
  if ((side === 'before' && onlyAfter) || (side === 'after' && onlyBefore)) return <div className={styles.block} aria-hidden="true" />;
  const text = blockText(change.block);
  return (
    <div className={blockClass(change.block)} data-change={change.type}>
      {onlyAfter ? <ins>{text}</ins> : onlyBefore ? <del>{text}</del> : text}
    </div>
  );
}

function itemLine(change: ItemChange): string {
  switch (change.type) {
    case 'added':
      return `新增（第 ${change.to} 条）`;
    case 'removed':
      return `删除（原第 ${change.from} 条）`;
    case 'moved':
      return `移动：第 ${change.from} → ${change.to} 条${change.edited.length ? '，且有修改' : ''}`;
    case 'edited':
      return '修改';
    default:
      return '';
  }
}

const itemFieldLabels = { title: '标题', summary: '摘要', category: '分类', itemDate: '日期', targetArticleId: '链接的文章' } as const;

function Items({ changes }: { changes: ItemChange[] }) {
  return (
    <ol className={styles.items} aria-label="推荐列表的变化">
      {changes.map((change, i) => (
        <li key={i} data-change={change.type}>
          {change.type === 'added' ? <ins>{change.item.title}</ins> : change.type === 'removed' ? <del>{change.item.title}</del> : change.item.title}
          {change.type !== 'same' && <span className={styles.note}>{itemLine(change)}</span>}
          {change.edited.length > 0 && change.before && (
            <div className="small">
              {change.edited.map((field) => (
                <div key={field}>
                  {itemFieldLabels[field]}：<del>{change.before![field] ?? ''}</del> → <ins>{change.item[field] ?? ''}</ins>
                </div>
              ))}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

export function VersionDiffView({
  diff,
  view,
  beforeLabel,
  afterLabel,
}: {
  diff: VersionDiff;
  view: 'inline' | 'split';
  beforeLabel: string;
  afterLabel: string;
}) {
  if (!diff.changed)
    return (
      <p className="muted" data-testid="no-changes">
        两个版本的内容相同。
      </p>
    );
  return (
    <div className={styles.diff} data-testid="version-diff">
      {diff.fields.length > 0 && (
        <section aria-label="字段的变化">
          <h2 className="section">字段</h2>
          <table className={styles.fields}>
            <tbody>
              {diff.fields.map((field) => (
                <tr key={field.field}>
                  <th scope="row">{field.label}</th>
                  {view === 'inline' ? (
                    <td>
                      <Parts parts={field.parts} />
                    </td>
                  ) : (
                    <>
                      <td>
                        <Parts parts={field.parts} show={['same', 'del']} />
                      </td>
                      <td>
                        <Parts parts={field.parts} show={['same', 'ins']} />
                      </td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {diff.body.some((change) => change.type !== 'same') && (
        <section aria-label="正文的变化">
          <h2 className="section">正文</h2>
          {view === 'inline' ? (
            diff.body.map((change, i) => <InlineBlock key={i} change={change} />)
          ) : (
            <div className={styles.split}>
              <div className={styles.side}>
                <h3 className="small muted">{beforeLabel}</h3>
              </div>
              <div className={styles.side}>
                <h3 className="small muted">{afterLabel}</h3>
              </div>
              {diff.body.map((change, i) => (
                <div key={i} style={{ display: 'contents' }}>
                  <div className={styles.side}>
                    <SideBlock change={change} side="before" />
                  </div>
                  <div className={styles.side}>
                    <SideBlock change={change} side="after" />
                  </div>
                </div>
              ))}
            </div>
          )}
        </section>
      )}
      {diff.recommendations.some((change) => change.type !== 'same') && (
        <section aria-label="相关推荐的变化">
          <h2 className="section">相关推荐</h2>
          <Items changes={diff.recommendations} />
        </section>
      )}
    </div>
  );
}
