/**
 * `npm run build`: the production build. Compiles the services (ui, workers), the
 * scripts (setup among them), the migrations and the shared modules to JavaScript in
 * dist/ (tsconfig.build.json), and copies beside the compiled modules the other files
 * they read at run time from their own folder: the UI's static files, the deadline
 * settings (frister/installningar.json), the letters' sender (workers/brev/avsandare.json).
 * The models in bpmn/ are not copied: they are read from the repository root
 * (scripts/config.ts's repoRoot), which the image has too.
 *
 *   npm run build                 → dist/
 *   npm run build -- --out <dir>  → <dir> (the test of the build writes to a scratch folder)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot } from './config.ts';

/** tsconfig.build.json's include: the folders whose modules production runs. */
export const COMPILED_DIRS = ['scripts', 'workers', 'ui', 'frister', 'domain', 'engine-rest', 'migrations'];

/** Not needed at run time: sources, declarations, and the folders' own documentation. */
const notAnAsset = (file: string) => file.endsWith('.ts') || file.endsWith('.md');

export function build(outDir: string): void {
  const out = path.resolve(repoRoot, outDir);
  // it is emptied first, so a wrong argument must not name the repository or a folder above it
  if (out === repoRoot || repoRoot.startsWith(out + path.sep)) throw new Error(`Byggkatalogen ${out} får inte innehålla källkoden`);
  fs.rmSync(out, { recursive: true, force: true });

  const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', out], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (compiled.error) throw compiled.error;
  if (compiled.status !== 0) throw new Error(`tsc avslutades med kod ${compiled.status}`);

  for (const dir of COMPILED_DIRS) {
    for (const file of fs.readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })) {
      const source = path.join(repoRoot, dir, file);
      if (notAnAsset(file) || !fs.statSync(source).isFile()) continue;
      fs.mkdirSync(path.dirname(path.join(out, dir, file)), { recursive: true });
      fs.copyFileSync(source, path.join(out, dir, file));
    }
  }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });
  build(values.out);
  console.log(`Byggt till ${path.relative(process.cwd(), path.resolve(repoRoot, values.out)) || '.'}`);
}
