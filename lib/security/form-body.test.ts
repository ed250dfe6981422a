import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_FILES } from '@/lib/import/limits';
import {
  MALFORMED_MESSAGE,
  MAX_ACTION_NESTING,
  MAX_FORM_FIELDS,
  TOO_DEEP_MESSAGE,
  TOO_MANY_FIELDS_MESSAGE,
  formBodyRefusal,
  isFormOrActionRequest,
} from './form-body';

const boundary = '----WebKitFormBoundaryx7Q';
const multipartHeaders = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'next-action': '7f00' };

type Part = { name: string; value: string; filename?: string };

/** A multipart body as browsers send it. */
function multipart(parts: Part[]): Buffer {
  const pieces = parts.map(
    ({ name, value, filename }) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: application/octet-stream` : ''}\r\n\r\n${value}\r\n`,
  );
  return Buffer.from(`${pieces.join('')}--${boundary}--\r\n`);
}

const fields = (n: number, name = (i: number) => `_1_f${i}`): Part[] => Array.from({ length: n }, (_, i) => ({ name: name(i), value: 'x' }));
const deep = (levels: number) => `[null,${'['.repeat(levels)}${']'.repeat(levels)}]`;

// The editor's save as the browser posted it (a capture, shortened): the form's fields under _1_, the arguments in row 0.
const editorSave: Part[] = [
  { name: '_1_id', value: 'cmxdvlnqb00011qvs4cy1us2v' },
  { name: '_1_version', value: '1' },
  { name: '_1_regions', value: '[{"code":"440100","origin":"AUTO"}]' },
  { name: '_1_rejectedRegionCodes', value: '[]' },
  {
    name: '_1_recommendations',
    value: JSON.stringify(
      Array.from({ length: 20 }, (_, i) => ({ title: `推荐 ${i}`, summary: '摘要', category: '健康新闻', itemDate: '2025-04-17', targetArticleId: null })),
    ),
  },
  { name: '_1_title', value: '深度测试 [草稿]' },
  { name: '_1_slug', value: 'shen-du-ce-shi' },
  { name: '_1_body', value: '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"正文"}]}]}' },
  { name: '0', value: '[null,"$K1"]' },
];

describe('isFormOrActionRequest', () => {
  it('is any POST of a server action, a multipart form or a urlencoded form', () => {
    expect(isFormOrActionRequest('POST', { 'next-action': 'abc', 'content-type': 'text/plain;charset=UTF-8' })).toBe(true);
    expect(isFormOrActionRequest('POST', { 'content-type': 'multipart/form-data; boundary=x' })).toBe(true);
    expect(isFormOrActionRequest('POST', { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' })).toBe(true);
    expect(isFormOrActionRequest('POST', { 'content-type': 'application/json' })).toBe(false);
    expect(isFormOrActionRequest('GET', { 'next-action': 'abc' })).toBe(false);
  });
});

describe('formBodyRefusal', () => {
  it('lets the real forms through: the editor save, an upload of 500 files, a bulk action', () => {
    expect(formBodyRefusal(multipart(editorSave), multipartHeaders)).toBeNull();
    const upload = [
      ...Array.from({ length: MAX_UPLOAD_FILES }, (_, i) => ({ name: '_1_files', filename: `${i}.txt`, value: '[[[[{{{{'.repeat(20) })),
      ...editorSave.slice(-1),
    ];
    expect(formBodyRefusal(multipart(upload), multipartHeaders)).toBeNull();
    const bulk = JSON.stringify([{ rows: Array.from({ length: 200 }, (_, i) => ({ articleId: `a${i}`, version: 3 })), operation: { kind: 'publish' } }]);
    expect(formBodyRefusal(Buffer.from(bulk), { 'content-type': 'text/plain;charset=UTF-8', 'next-action': '7f00' })).toBeNull();
    // The upload's limit leaves room for its fields.
    expect(MAX_FORM_FIELDS).toBeGreaterThanOrEqual(2 * MAX_UPLOAD_FILES);
  });

  it('refuses more than 1,000 fields with a 413, multipart or urlencoded, action or not', () => {
    const refused = { status: 413, message: TOO_MANY_FIELDS_MESSAGE };
    expect(TOO_MANY_FIELDS_MESSAGE).toBe('请求包含的字段过多（最多 1,000 个），已拒绝。请刷新页面后重试。');
    expect(formBodyRefusal(multipart(fields(MAX_FORM_FIELDS)), multipartHeaders)).toBeNull();
    expect(formBodyRefusal(multipart(fields(MAX_FORM_FIELDS + 1)), multipartHeaders)).toEqual(refused);
    expect(formBodyRefusal(multipart(fields(20_000)), { 'content-type': multipartHeaders['content-type'] })).toEqual(refused);
    const urlencoded = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `f${i}=x`).join('&'));
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(formBodyRefusal(urlencoded(MAX_FORM_FIELDS), form)).toBeNull();
    expect(formBodyRefusal(urlencoded(20_000), form)).toEqual(refused);
  });

  it('refuses arguments nested past 64 levels with a 400, in any row, added up over rows', () => {
    const refused = { status: 400, message: TOO_DEEP_MESSAGE };
    const row0 = (value: string) => multipart([...editorSave.slice(0, -1), { name: '0', value }]);
    expect(formBodyRefusal(row0(deep(MAX_ACTION_NESTING - 1)), multipartHeaders)).toBeNull();
    expect(formBodyRefusal(row0(deep(MAX_ACTION_NESTING)), multipartHeaders)).toEqual(refused);
    expect(formBodyRefusal(row0(deep(10_000)), multipartHeaders)).toEqual(refused);
    // Rows that refer to one another nest inside each other.
    const chained = multipart([
      { name: '0', value: `["$1",${deep(30)}]` },
      { name: '1', value: `["$2",${deep(30)}]` },
      { name: '2', value: deep(30) },
    ]);
    expect(formBodyRefusal(chained, multipartHeaders)).toEqual(refused);
    // Rows as React reads them: any name that is a number, and the rows of a form posted without JavaScript.
    for (const name of ['', ' 7', '1e1', '$ACTION_1:0', '$ACTION_a:b:3']) {
      expect(formBodyRefusal(multipart([{ name, value: deep(10_000) }]), { 'content-type': multipartHeaders['content-type'] }), name).toEqual(refused);
    }
    // One JSON text for a whole body (text/plain, or anything else an action posts).
    expect(formBodyRefusal(Buffer.from(deep(10_000)), { 'content-type': 'text/plain;charset=UTF-8', 'next-action': '7f00' })).toEqual(refused);
    expect(formBodyRefusal(Buffer.from(deep(10_000)), { 'content-type': 'application/x-www-form-urlencoded', 'next-action': '7f00' })).toEqual(refused);
  });

  it("leaves the form's own fields and files to the action, and brackets in strings alone; refuses a body it cannot split", () => {
    // A body the editor's save refuses itself, with its own message (lib/content/body-limits.ts).
    const deepBody = `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(10_000)}${']}'.repeat(10_000)}]}`;
    expect(formBodyRefusal(multipart([...editorSave.slice(0, -2), { name: '_1_body', value: deepBody }, editorSave.at(-1)!]), multipartHeaders)).toBeNull();
    expect(formBodyRefusal(multipart([{ name: '0', value: deep(10_000), filename: 'a.zip' }]), multipartHeaders)).toBeNull();
    expect(formBodyRefusal(multipart([{ name: '0', value: `["${'['.repeat(100)}\\"${'{'.repeat(100)}"]` }]), multipartHeaders)).toBeNull();
    expect(formBodyRefusal(Buffer.from(deep(10_000)), { 'content-type': 'application/json' })).toBeNull();
    // Not even a multipart body without its boundary, on which Next's parser throws.
    expect(formBodyRefusal(multipart(editorSave), { 'content-type': 'multipart/form-data' })).toEqual({ status: 400, message: MALFORMED_MESSAGE });
  });
});
