import { describe, expect, it } from 'vitest';
import { parseExportArgs } from '@/lib/export/export-command';
import { parseImportArgs } from './import-command';

describe('npm run import arguments', () => {
  it('reads flags and paths', () => {
    expect(parseImportArgs(['--dry-run', '--json', 'a.txt', 'dir', '--force', '--no-normalize'])).toEqual({
      ok: true,
      command: { paths: ['a.txt', 'dir'], dryRun: true, json: true, force: true, normalizePunctuation: false },
    });
    expect(parseImportArgs(['a.zip'])).toMatchObject({ ok: true, command: { dryRun: false, force: false, normalizePunctuation: true } });
  });

  it('refuses unknown flags and a missing path', () => {
    expect(parseImportArgs(['--dryrun', 'a.txt'])).toMatchObject({ ok: false, message: expect.stringMatching(/Unknown option --dryrun/) });
    expect(parseImportArgs(['--json'])).toMatchObject({ ok: false });
  });
});

describe('npm run export arguments', () => {
  it('reads filters in both spellings', () => {
    expect(parseExportArgs(['--status', 'published', '--region=440100', '--out', 'x.ndjson'])).toEqual({
      ok: true,
      command: { filters: { status: 'PUBLISHED', region: '440100' }, out: 'x.ndjson' },
    });
    expect(parseExportArgs([])).toEqual({ ok: true, command: { filters: {}, out: null } });
  });

  it('refuses unknown statuses, regions and arguments', () => {
    expect(parseExportArgs(['--status', 'LIVE'])).toMatchObject({ ok: false });
    expect(parseExportArgs(['--region', '999999'])).toMatchObject({ ok: false });
    expect(parseExportArgs(['--out'])).toMatchObject({ ok: false });
    expect(parseExportArgs(['extra'])).toMatchObject({ ok: false });
  });
});
