// `npm run lint`: ESLint and Prettier over the TypeScript sources. Part of `npm test`.
//
// The linter has its own package here because typescript-eslint needs
// TypeScript's JavaScript API (TypeScript 6.0 at most), and the project compiles
// with TypeScript 7, which has none. It is installed on first use (and again when
// its lock file changes), so `npm install && npm test` stays the whole story.
// `--fix` lets ESLint fix what it can and Prettier write the files.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fix = process.argv.includes('--fix');

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function ensureInstalled() {
  const lock = fs.readFileSync(path.join(here, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = path.join(here, 'node_modules', '.bokvar-lock-hash');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return;
  console.log('Installerar lintverktygen (tools/lint) …');
  const status = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], here);
  if (status !== 0) process.exit(status);
  fs.writeFileSync(stamp, hash);
}

ensureInstalled();
const bin = (name) => path.join(here, 'node_modules', '.bin', name);
const eslint = run(bin('eslint'), ['--config', 'eslint.config.js', ...(fix ? ['--fix'] : []), '.']);
const prettier = run(bin('prettier'), ['--config', 'tools/lint/prettier.config.js', '--ignore-path', 'tools/lint/.prettierignore', fix ? '--write' : '--check', '--log-level', fix ? 'warn' : 'log', '**/*.ts']);
process.exit(eslint || prettier);
