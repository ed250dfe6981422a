import { describe, expect, it } from 'vitest';
import { runScript } from './run-script';

// `npm run -s regions -- detect` is `tsx scripts/regions.ts detect`: run it as a process, the way
// checks and batch jobs do, and read exactly what it prints.
const runCli = (args: string[], stdin: string) => runScript('scripts/regions.ts', args, {}, stdin);

describe('regions detect (CLI)', () => {
  it('prints one JSON object per input line, in order, and nothing else', async () => {
    const { code, stdout } = await runCli(['detect'], '贵阳白云区医保电话\n\n居民医保只能一年一交吗\n2025年河南漯河治疗反复低烧的权威医院\r\n');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(4);
    const objects = lines.map((line) => JSON.parse(line));
    expect(objects[0]).toEqual({
      text: '贵阳白云区医保电话',
      regions: [{ code: '520113', name: '白云区', path: ['贵州省', '贵阳市', '白云区'], confidence: expect.any(Number) }],
    });
    expect(objects[0].regions[0].confidence).toBeGreaterThanOrEqual(0.9);
    expect(objects[1]).toEqual({ text: '', regions: [] });
    expect(objects[2]).toEqual({ text: '居民医保只能一年一交吗', regions: [] });
    // A CRLF line end is not part of the text.
    expect(objects[3]).toMatchObject({ text: '2025年河南漯河治疗反复低烧的权威医院', regions: [{ code: '411100', path: ['河南省', '漯河市'] }] });
    for (const object of objects) {
      for (const region of object.regions) expect(Object.keys(region).sort()).toEqual(['code', 'confidence', 'name', 'path']);
    }
  });

  it('handles a last line without a line end and empty input', async () => {
    const last = await runCli(['detect'], '广州居民医保停保怎么办理');
    expect(last.code).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ text: '广州居民医保停保怎么办理', regions: [{ code: '440100', name: '广州市' }] });
    const empty = await runCli(['detect'], '');
    expect(empty).toMatchObject({ code: 0, stdout: '' });
  });

  it('answers an unknown or missing subcommand with usage on stderr and exit 1', async () => {
    for (const args of [['bogus'], [], ['detect', 'extra']]) {
      const { code, stdout, stderr } = await runCli(args, '广州\n');
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/Usage: npm run -s regions -- detect/);
    }
  });
});
