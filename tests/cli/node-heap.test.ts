import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HEAP_LIMIT_FLAG, serveArgs } from '../../scripts/lib/node-heap';

// The heap limit shapes how far V8 lets the heap outgrow what is live (scripts/lib/node-heap.ts):
// it must reach the import and the server as they are really started.

const heapLimitOf = async (command: string, args: string[]) => {
  const { stdout } = await promisify(execFile)(command, [...args, '-e', 'console.log(require("node:v8").getHeapStatistics().heap_size_limit)']);
  return Number(stdout.trim()) / 1024 / 1024;
};

describe('the heap limit', () => {
  it('is what `npm run import` passes through tsx to node', async () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.import).toBe(`tsx ${HEAP_LIMIT_FLAG} scripts/import.ts`);
    const limit = await heapLimitOf(path.join('node_modules', '.bin', 'tsx'), [HEAP_LIMIT_FLAG]);
    // The old space as set, plus the young generation.
    expect(limit).toBeGreaterThanOrEqual(1024);
    expect(limit).toBeLessThan(1200);
  });

  it('is the server’s', async () => {
    expect(serveArgs.slice(0, 1)).toEqual([HEAP_LIMIT_FLAG]);
    const limit = await heapLimitOf(process.execPath, [HEAP_LIMIT_FLAG]);
    expect(limit).toBeGreaterThanOrEqual(1024);
    expect(limit).toBeLessThan(1200);
    // Without it V8 takes a quarter of the machine's memory, and lets the heap grow up to 4× what is live.
    expect(await heapLimitOf(process.execPath, [])).not.toBe(limit);
  });
});
