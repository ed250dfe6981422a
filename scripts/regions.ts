// npm run -s regions -- detect — region detection for checks and batch use.
// Reads one text per line on standard input and prints one JSON object per line on standard
// output, in input order: {"text":"…","regions":[{"code","name","path","confidence"}]}.
// Standard output carries nothing else (no banners, no warnings); usage errors go to standard
// error with exit status 1. The detector (segmenter + name index) is built once per run.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { detectRegions, warmUpRegionDetector } from '@/lib/regions/detect-regions';

const usage = `Usage: npm run -s regions -- detect
  detect   read one text per line on stdin; print one JSON object per line on stdout:
           {"text":"…","regions":[{"code":"520113","name":"白云区","path":["贵州省","贵阳市","白云区"],"confidence":0.9}]}`;

/** One output line for one input line (without its line end). */
function detectLine(text: string): string {
  const regions = detectRegions(text).map(({ code, name, path, confidence }) => ({ code, name, path, confidence }));
  return JSON.stringify({ text, regions });
}

async function detectStdin(): Promise<void> {
  warmUpRegionDetector();
  // A closed pipe (`… | head`) ends the run quietly instead of with an EPIPE stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  };
  for await (const line of lines) {
    // Files written on Windows end their lines in \r\n; the \r is not part of the text.
    pending.push(`${detectLine(line.endsWith('\r') ? line.slice(0, -1) : line)}\n`);
    // Batches are written in chunks; a single interactive line is answered at once.
    if (pending.length >= 256 || process.stdin.readableLength === 0) await flush();
  }
  await flush();
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'detect' && rest.length === 0) {
  await detectStdin();
} else {
  console.error(command === undefined ? usage : `Unknown command: ${[command, ...rest].join(' ')}\n${usage}`);
  process.exit(1);
}
