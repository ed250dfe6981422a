import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';

// Runs a CLI entry point as `npm run <name>` does (`tsx scripts/<file>.ts`), in its own process,
// with the environment given (and `stdin` as its input), and returns exactly what it printed.
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

export type ScriptRun = { code: number | null; stdout: string; stderr: string };

export function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}, stdin?: string): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** An expected failure: exit 1, nothing on stdout, exactly one line on stderr and no stack frames. */
export function expectOneLineFailure(run: ScriptRun, message: string | RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/^\s+at /m);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
}

export function expectNoStack(run: ScriptRun): void {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at /m);
}
