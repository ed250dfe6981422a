import { readFile } from 'node:fs/promises';

// The benchmarks' report: one row per measure, its target and PASS/FAIL where it has one.

export type Row = { measure: string; value: string; target?: string; pass?: boolean };

export function printTable(table: Row[]): void {
  const header: Row = { measure: 'measure', value: 'value', target: 'target' };
  const width = (key: 'measure' | 'value' | 'target') => Math.max(...[header, ...table].map((r) => (r[key] ?? '').length));
  const [w1, w2, w3] = [width('measure'), width('value'), width('target')];
  const line = (r: Row, result: string) => `${r.measure.padEnd(w1)}  ${r.value.padEnd(w2)}  ${(r.target ?? '').padEnd(w3)}  ${result}`;
  console.log(line(header, 'result'));
  console.log(line({ measure: '-'.repeat(w1), value: '-'.repeat(w2), target: '-'.repeat(w3) }, '------'));
  for (const r of table) console.log(line(r, r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL'));
}

/** The machine's 1, 5 and 15 minute load averages: the benchmarks share its two cores. */
export async function loadAverage(): Promise<string> {
  return (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ').slice(0, 3).join(' ');
}
