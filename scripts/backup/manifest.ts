import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BackupError, sha256OfFile } from './pg-tools.ts';

/**
 * The backup's table of contents, `manifest.json` beside the two dumps: what
 * was backed up, from which versions, and each dump's size and sha256, so that
 * a restore can refuse a damaged or altered copy before it touches a database.
 */
export const MANIFEST = 'manifest.json';
export const FORMAT = 'bokvar-backup/1';

const dump = z.object({
  roll: z.enum(['bokvar', 'motor']),
  databas: z.string(),
  fil: z.string().regex(/^[a-z0-9_.-]+$/, 'ett filnamn utan mappar'),
  byte: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The database's size on the server when it was backed up (pg_database_size). */
  databasstorlek: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  tid: z.iso.datetime(),
  bokvar: z.object({ version: z.string(), migrering: z.string().nullable() }),
  motor: z.object({ version: z.string().nullable() }),
  postgres: z.object({ server: z.string(), serverMajor: z.number().int(), pgDump: z.string(), pgDumpMajor: z.number().int() }),
  dumpar: z.array(dump).length(2),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type Dump = z.infer<typeof dump>;

export function writeManifest(folder: string, manifest: Manifest): void {
  fs.writeFileSync(path.join(folder, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
}

/** Reads the manifest and checks every dump against it: present, the same size, the same sha256. */
export async function readVerifiedManifest(folder: string): Promise<Manifest> {
  const file = path.join(folder, MANIFEST);
  if (!fs.existsSync(file)) throw new BackupError(`${file} finns inte: ange mappen som säkerhetskopieringen skrev (bokvar-<tid>).`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new BackupError(`${file} är inte giltig JSON: filen är skadad.`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    throw new BackupError(
      `${file} är inte ett manifest från Bokvars säkerhetskopiering (${FORMAT}): ${result.error.issues[0]?.message ?? ''}`,
    );
  }
  const manifest = result.data;
  for (const role of ['bokvar', 'motor'] as const) {
    if (manifest.dumpar.filter((d) => d.roll === role).length !== 1)
      throw new BackupError(`${file} ska ha exakt en dump med rollen ${role}.`);
  }
  for (const d of manifest.dumpar) {
    const dumpFile = path.join(folder, d.fil);
    if (!fs.existsSync(dumpFile)) throw new BackupError(`${d.fil} saknas i ${folder}.`);
    const size = fs.statSync(dumpFile).size;
    const sum = await sha256OfFile(dumpFile);
    if (size !== d.byte || sum !== d.sha256) {
      throw new BackupError(
        `${d.fil} stämmer inte med manifestet (storlek ${size} mot ${d.byte} byte, sha256 ${sum.slice(0, 12)}… mot ${d.sha256.slice(0, 12)}…): ` +
          'filen är skadad eller ändrad. Återställ från en annan kopia.',
      );
    }
  }
  return manifest;
}

export function dumpFor(manifest: Manifest, role: Dump['roll']): Dump {
  return manifest.dumpar.find((d) => d.roll === role)!;
}

/**
 * Bokvar's version from its package.json, found by walking up from this file,
 * so that it is the same under tsx (scripts/backup/) and in a compiled build
 * (dist/scripts/backup/).
 */
export function bokvarVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'bokvar' && pkg.version) return pkg.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'okänd';
    dir = parent;
  }
}

/** `bokvar-20261202T164500Z`: sorts by time, and is a valid name on every file system. */
export function folderName(time: Date): string {
  return `bokvar-${time
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}`;
}

export function formatBytes(bytes: number): string {
  const units = ['byte', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1).replace('.', ',')} ${units[unit]}`;
}
