'use client';

// The article body editor. It edits with the same extension list the server renders with, and
// mirrors the document as JSON into a hidden input, so a plain `<form action={serverAction}>`
// submits the body like any other field (the server validates it with bodyDocSchema).
import type { Editor, JSONContent } from '@tiptap/react';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useEffect, useState, type ReactNode } from 'react';

import type { BodyDoc } from '@/lib/content/body-types';
import { emptyDoc } from '@/lib/content/body-types';
import { bodyExtensions } from '@/lib/content/extensions';
import { isAllowedHref, normalizeHrefInput } from '@/lib/content/link-href';
import { sanitizeBodyDoc } from '@/lib/content/sanitize-body';
import { documentCspNonce } from '@/lib/security/document-nonce';

import styles from './rich-text-editor.module.css';

export type RichTextEditorProps = {
  /** Name of the hidden input that carries the JSON document. */
  name: string;
  /** Stored body; anything that is not a valid body is cleaned up rather than crashing the editor. */
  initialContent: unknown;
  onChange?: (doc: JSONContent) => void;
  /** Visible caption above the toolbar; omit it when the form already labels the field. */
  label?: string;
  /** False: shown, not editable (someone else holds the article's edit lock). */
  editable?: boolean;
};

const INVALID_LINK_MESSAGE = '链接地址无效：只允许 https:// 开头的网址、mailto: 邮件地址，或以 / 或 # 开头的站内地址。';

type ToolbarState = {
  isHeading2: boolean;
  isHeading3: boolean;
  isParagraph: boolean;
  isBold: boolean;
  isItalic: boolean;
  isOrderedList: boolean;
  isBulletList: boolean;
  isLink: boolean;
  canUndo: boolean;
  canRedo: boolean;
};

function readToolbarState(editor: Editor): ToolbarState {
  return {
    isHeading2: editor.isActive('heading', { level: 2 }),
    isHeading3: editor.isActive('heading', { level: 3 }),
    isParagraph: editor.isActive('paragraph'),
    isBold: editor.isActive('bold'),
    isItalic: editor.isActive('italic'),
    isOrderedList: editor.isActive('orderedList'),
    isBulletList: editor.isActive('bulletList'),
    isLink: editor.isActive('link'),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

function toInitialDoc(value: unknown): BodyDoc {
  const doc = sanitizeBodyDoc(value);
  return doc.content.length > 0 ? doc : emptyDoc();
}

export function RichTextEditor({ name, initialContent, onChange, label, editable = true }: RichTextEditorProps) {
  // Only the first value counts: the editor owns the document afterwards (remount with a `key`
  // to load a different one).
  const [initialDoc] = useState(() => toInitialDoc(initialContent));
  // Filled before the editor exists (it mounts after hydration), so an early submit still
  // carries the stored body instead of an empty field.
  const [json, setJson] = useState(() => JSON.stringify(initialDoc));
  const [linkMessage, setLinkMessage] = useState<string | null>(null);

  const editor = useEditor({
    extensions: bodyExtensions,
    // Tiptap adds a <style> element for its base styles; the admin's CSP admits it by nonce. Read
    // when the editor is created, in the browser (immediatelyRender: false).
    injectNonce: documentCspNonce(),
    content: initialDoc,
    editable,
    // Server rendering has no DOM; creating the editor on the client avoids hydration mismatch.
    immediatelyRender: false,
    editorProps: {
      attributes: {
        class: styles.content,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': '正文编辑器',
        'data-testid': 'body-editor',
      },
    },
    onUpdate: ({ editor: current }) => {
      const doc = current.getJSON();
      setJson(JSON.stringify(doc));
      onChange?.(doc);
    },
  });

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);

  // Tiptap 3 no longer re-renders on every transaction; subscribe to exactly what the toolbar shows.
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => (current ? readToolbarState(current) : null),
  });

  const run = (command: (editor: Editor) => void): void => {
    if (editor) {
      setLinkMessage(null);
      command(editor);
    }
  };

  const editLink = (current: Editor): void => {
    const previous: unknown = current.getAttributes('link').href;
    const answer = window.prompt(
      '请输入链接地址（https:// 网址、mailto: 邮件地址，或以 / 开头的站内地址）；留空则取消链接',
      typeof previous === 'string' ? previous : 'https://',
    );
    if (answer === null) {
      return;
    }
    const href = normalizeHrefInput(answer);
    if (href === '' || href === 'https://') {
      current.chain().focus().extendMarkRange('link').unsetLink().run();
      return;
    }
    if (!isAllowedHref(href)) {
      setLinkMessage(INVALID_LINK_MESSAGE);
      current.commands.focus();
      return;
    }
    if (current.state.selection.empty && !current.isActive('link')) {
      // Nothing selected: insert the address itself as the link text.
      current
        .chain()
        .focus()
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run();
      return;
    }
    current.chain().focus().extendMarkRange('link').setLink({ href }).run();
  };

  const disabled = !editor || !editable;

  return (
    <div className={styles.root}>
      {label ? <div className={styles.label}>{label}</div> : null}
      <div className={styles.frame}>
        <div role="toolbar" aria-label="正文格式工具栏" className={styles.toolbar}>
          {TOOLBAR_GROUPS.map((group, groupIndex) => (
            <div key={groupIndex} className={styles.group}>
              {group.map((action) => (
                <button
                  key={action.label}
                  type="button"
                  className={styles.button}
                  aria-label={action.label}
                  // Only toggles expose a pressed state; undo/redo/unlink are plain actions.
                  aria-pressed={action.isActive ? (state ? action.isActive(state) : false) : undefined}
                  title={action.shortcut ? `${action.label} (${action.shortcut})` : action.label}
                  disabled={disabled || (action.isEnabled ? !state || !action.isEnabled(state) : false)}
                  // Keep the editor's selection while the button is pressed.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => run(action.run === 'link' ? editLink : action.run)}
                >
                  {action.content ?? action.label}
                </button>
              ))}
            </div>
          ))}
        </div>
        {linkMessage ? (
          <p role="alert" className={styles.message}>
            {linkMessage}
          </p>
        ) : null}
        {editor ? (
          <EditorContent editor={editor} className={styles.body} />
        ) : (
          // Same box as the editor while it loads after hydration, so the page does not jump.
          <div className={styles.body} aria-busy="true">
            <div className={`${styles.content} ${styles.loading}`}>正在加载编辑器…</div>
          </div>
        )}
      </div>
      <input type="hidden" name={name} value={json} />
    </div>
  );
}

type ToolbarAction = {
  label: string;
  /** Visible content when it differs from the label (bold shows bold, italic shows italic). */
  content?: ReactNode;
  shortcut?: string;
  /** Present for toggles: drives aria-pressed. */
  isActive?: (state: ToolbarState) => boolean;
  /** Present for actions that only make sense sometimes. */
  isEnabled?: (state: ToolbarState) => boolean;
  /** 'link' needs the component's prompt and message state. */
  run: ((editor: Editor) => void) | 'link';
};

const TOOLBAR_GROUPS: ToolbarAction[][] = [
  [
    { label: '标题', isActive: (s) => s.isHeading2, run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
    { label: '小标题', isActive: (s) => s.isHeading3, run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
    { label: '正文', isActive: (s) => s.isParagraph, run: (e) => e.chain().focus().setParagraph().run() },
  ],
  [
    {
      label: '加粗',
      content: <strong>加粗</strong>,
      shortcut: 'Ctrl+B',
      isActive: (s) => s.isBold,
      run: (e) => e.chain().focus().toggleBold().run(),
    },
    {
      label: '斜体',
      content: <em>斜体</em>,
      shortcut: 'Ctrl+I',
      isActive: (s) => s.isItalic,
      run: (e) => e.chain().focus().toggleItalic().run(),
    },
  ],
  [
    { label: '有序列表', isActive: (s) => s.isOrderedList, run: (e) => e.chain().focus().toggleOrderedList().run() },
    { label: '无序列表', isActive: (s) => s.isBulletList, run: (e) => e.chain().focus().toggleBulletList().run() },
  ],
  [
    { label: '链接', isActive: (s) => s.isLink, run: 'link' },
    {
      label: '取消链接',
      isEnabled: (s) => s.isLink,
      run: (e) => e.chain().focus().extendMarkRange('link').unsetLink().run(),
    },
  ],
  [
    { label: '撤销', shortcut: 'Ctrl+Z', isEnabled: (s) => s.canUndo, run: (e) => e.chain().focus().undo().run() },
    { label: '重做', shortcut: 'Ctrl+Shift+Z', isEnabled: (s) => s.canRedo, run: (e) => e.chain().focus().redo().run() },
  ],
];
