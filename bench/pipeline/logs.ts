import fs from 'node:fs';
import path from 'node:path';

/**
 * The workers' log files are appended to across runs: note where each ends
 * before the stack starts, and count only what this run wrote after that.
 */
const workerLogs = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^workers.*\.log$/.test(f)) : []);

export function logOffsets(dir: string): Map<string, number> {
  return new Map(workerLogs(dir).map((f) => [f, fs.statSync(path.join(dir, f)).size]));
}

/** Lines of this run whose pino `msg` is exactly `msg`. */
export function countLogLines(dir: string, offsets: Map<string, number>, msg: string): number {
  const needle = `"msg":${JSON.stringify(msg)}`;
  let count = 0;
  for (const f of workerLogs(dir)) {
    const text = fs
      .readFileSync(path.join(dir, f))
      .subarray(offsets.get(f) ?? 0)
      .toString('utf8');
    for (const line of text.split('\n')) if (line.includes(needle)) count += 1;
  }
  return count;
}
