import { describe, expect, it } from 'vitest';
import { makeZip } from '@/tests/fixtures/import/zip-tools';
import { expandInputs, safeEntryPath } from './expand-inputs';
import { MAX_ARCHIVE_ENTRIES } from './limits';

describe('safeEntryPath', () => {
  it.each([
    ['pages/a.txt', 'pages/a.txt'],
    ['./pages/./a.txt', 'pages/a.txt'],
    ['pages\\a.txt', 'pages/a.txt'],
    ['../a.txt', null],
    ['pages/../../a.txt', null],
    ['..\\..\\windows\\a.txt', null],
    ['/etc/passwd', null],
    ['\\\\server\\share\\a.txt', null],
    ['C:\\a.txt', null],
    ['c:a.txt', null],
    ['a\u0000.txt', null],
    ['a\u202e.txt', null],
  ])('%j → %j', (name, expected) => {
    expect(safeEntryPath(name)).toBe(expected);
  });
});

describe('expandInputs', () => {
  it('turns an archive into its page entries, skipping folders and archiver metadata', () => {
    const zip = makeZip({ 'a.txt': 'A', 'sub/b.TXT': 'B', '__MACOSX/._a.txt': 'x', '.DS_Store': 'x', 'sub/Thumbs.db': 'x' });
    const units = expandInputs([{ name: 'x.zip', bytes: zip }], { records: false });
    expect(units.map((u) => [u.kind, u.name])).toEqual([
      ['page', 'x.zip/a.txt'],
      ['page', 'x.zip/sub/b.TXT'],
    ]);
  });

  it('refuses an archive with more entries than allowed as a whole', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i <= MAX_ARCHIVE_ENTRIES; i += 1) many[`${i}.txt`] = '';
    const units = expandInputs([{ name: 'many.zip', bytes: makeZip(many, { level: 0 }) }], { records: false });
    expect(units).toEqual([{ kind: 'rejected', name: 'many.zip', failure: { reason: 'ARCHIVE_LIMIT', message: expect.stringMatching(/上限/) } }]);
  });

  it('reads an archive recognised by its bytes whatever its name, and an empty one is an error', () => {
    expect(expandInputs([{ name: 'upload.bin', bytes: makeZip({ 'a.txt': 'A' }) }], { records: false })[0]).toMatchObject({
      kind: 'page',
      name: 'upload.bin/a.txt',
    });
    expect(expandInputs([{ name: 'e.zip', bytes: makeZip({ 'dir/': new Uint8Array() }) }], { records: false })[0]).toMatchObject({
      kind: 'rejected',
      failure: { reason: 'EMPTY' },
    });
  });

  it('splits an export file into records when allowed, and refuses it otherwise', () => {
    const bytes = new TextEncoder().encode('{"format":"baoda-articles","version":1}\n{"a":1}\n\n{"b":2}\n');
    expect(expandInputs([{ name: 'e.ndjson', bytes }], { records: true }).map((u) => [u.kind, u.name])).toEqual([
      ['record', 'e.ndjson:2'],
      ['record', 'e.ndjson:4'],
    ]);
    expect(expandInputs([{ name: 'e.ndjson', bytes }], { records: false })[0]).toMatchObject({ kind: 'rejected', failure: { reason: 'NOT_TEXT' } });
  });
});
