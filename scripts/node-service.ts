import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { repoRoot } from './config.ts';
import { stopChild } from './engine-process.ts';
import { waitFor } from './wait.ts';

export interface NodeService {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

export interface NodeServiceOptions {
  name: string;
  /**
   * Entry file, relative to the repository root or absolute: TypeScript runs through
   * tsx (development), JavaScript from the build plainly, as production runs it.
   */
  entry: string;
  /** Working directory; the repository root unless given (the build's test runs an image-shaped folder). */
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /** Where the service's output goes: a log file, or the console with a prefix. */
  logFile?: string;
  /** A line in the output that means the service is ready. */
  readyLine: RegExp;
  timeoutMs?: number;
}

/** Runs one of Bokvar's services (workers, UI) as its own process. */
export async function startNodeService(options: NodeServiceOptions): Promise<NodeService> {
  const entry = path.resolve(repoRoot, options.entry);
  const child = spawn(process.execPath, entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry], {
    cwd: options.cwd ?? repoRoot,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const sink = options.logFile ? openLog(options.logFile) : undefined;
  let ready = false;
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (options.readyLine.test(line)) ready = true;
      if (sink) sink.write(line + '\n');
      else process.stdout.write(`[${options.name}] ${line}\n`);
    });
  }
  try {
    await waitFor(options.name, options.timeoutMs ?? 60_000, async () => {
      if (child.exitCode !== null) throw new Error(`${options.name} avslutades med kod ${child.exitCode}`);
      return ready;
    });
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
  return {
    name: options.name,
    pid: child.pid ?? -1,
    stop: async () => {
      await stopChild(child, exited, 60_000);
      sink?.end();
    },
  };
}

function openLog(file: string): fs.WriteStream {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return fs.createWriteStream(file, { flags: 'a' });
}
