import net from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  StartupError,
  checkJava,
  checkMaven,
  checkPortsFree,
  databaseUnreachable,
  javaMajorVersion,
  startFailureLine,
} from '../../../scripts/startup-error.ts';

/** A port this test holds, the way another program would. */
async function occupy(host = '127.0.0.1'): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen({ port: 0, host }, resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function freePort(): Promise<number> {
  const held = await occupy();
  await held.close();
  return held.port;
}

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

describe('ports', () => {
  it('names a taken port, what Bokvar wanted there and the setting that moves it', async () => {
    const held = await occupy();
    try {
      const refusal = checkPortsFree([{ port: held.port, what: 'motorn', variable: 'BOKVAR_ENGINE_PORT' }]);
      await expect(refusal).rejects.toBeInstanceOf(StartupError);
      await expect(refusal).rejects.toThrow(
        new RegExp(`^Porten ${held.port} \\(motorn\\) är redan upptagen .*BOKVAR_ENGINE_PORT=<port>\\.$`),
      );
    } finally {
      await held.close();
    }
  });

  it('sees a port held on another address than the IPv4 loopback', async () => {
    const held = await occupy('::1').catch(() => occupy('0.0.0.0'));
    try {
      await expect(checkPortsFree([{ port: held.port, what: 'Bokvar UI', variable: 'BOKVAR_UI_PORT' }])).rejects.toThrow(/Bokvar UI/);
    } finally {
      await held.close();
    }
  });

  it('refuses one port named for two parts', async () => {
    const port = await freePort();
    await expect(
      checkPortsFree([
        { port, what: 'motorn', variable: 'BOKVAR_ENGINE_PORT' },
        { port, what: 'Bokvar UI', variable: 'BOKVAR_UI_PORT' },
      ]),
    ).rejects.toThrow(/både för motorn \(BOKVAR_ENGINE_PORT\) och Bokvar UI \(BOKVAR_UI_PORT\)/);
  });

  it('lets free ports pass', async () => {
    const [a, b] = [await freePort(), await freePort()];
    await expect(
      checkPortsFree([
        { port: a, what: 'motorn', variable: 'BOKVAR_ENGINE_PORT' },
        { port: b, what: 'Bokvar UI', variable: 'BOKVAR_UI_PORT' },
      ]),
    ).resolves.toBeUndefined();
  });
});

describe('Java and Maven', () => {
  it('reads the major version from java -version, old and new style', () => {
    expect(javaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajorVersion('java version "1.8.0_392"')).toBe(8);
    expect(javaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajorVersion('nothing here')).toBeUndefined();
  });

  it('says Java is missing when it is not on the PATH', () => {
    process.env.PATH = '/nonexistent';
    expect(() => checkJava()).toThrow(/^Java saknas: .*Java 17 eller senare/);
  });

  it('says Maven is missing when it is not on the PATH', () => {
    process.env.PATH = '/nonexistent';
    expect(() => checkMaven()).toThrow(/^Maven saknas, och motorn måste byggas/);
  });

  it('passes with the machine’s own Java', () => {
    expect(() => checkJava()).not.toThrow();
  });
});

describe('database named by the operator', () => {
  it('a dead server: names the setting and the three ways out', async () => {
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/bokvar`;
    const client = new pg.Client({ connectionString: url });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    const line = databaseUnreachable(error, url, 'DATABASE_URL');
    expect(line?.message).toBe(
      `Databasen i DATABASE_URL (${url}) svarar inte. Starta PostgreSQL där, rätta DATABASE_URL, ` +
        'eller ta bort DATABASE_URL så startar Bokvar en inbäddad PostgreSQL.',
    );
  });

  it('an unknown host name', async () => {
    const url = 'postgres://postgres@bokvar-finns-inte.invalid:5432/bokvar';
    const error = await new pg.Client({ connectionString: url }).connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(databaseUnreachable(error, url, 'DATABASE_URL')?.message).toMatch(/datornamnet finns inte\. Rätta DATABASE_URL\.$/);
  });

  it('leaves other errors to the general line', () => {
    expect(databaseUnreachable(new Error('syntax error'), 'postgres://x/y', 'DATABASE_URL')).toBeUndefined();
  });
});

describe('the one line for any failure', () => {
  const logDir = '/srv/bokvar/.data/logs';
  const detail = `${logDir}/start-fel.log`;

  it('a StartupError is its own line', () => {
    expect(startFailureLine(new StartupError('Porten 8080 (motorn) är redan upptagen.'), logDir, detail)).toBe(
      'Porten 8080 (motorn) är redan upptagen.',
    );
  });

  it('a failed Maven build points at the network', () => {
    const line = startFailureLine(new Error('Maven-bygget av motorn misslyckades (kod 1).'), logDir, detail);
    expect(line).toMatch(/^Maven kunde inte bygga motorn \(kod 1\)\. .*anslutningen/);
  });

  it('an engine that exits names its log', () => {
    const line = startFailureLine(new Error('Motorn avslutades (kod 1); se /srv/bokvar/.data/logs/engine.log'), logDir, detail);
    expect(line).toBe('Motorn avslutades under starten (kod 1). Orsaken står i /srv/bokvar/.data/logs/engine.log.');
  });

  it('anything else: one line, no stack, and where the whole story is', () => {
    const error = new Error('något oväntat\nmed en andra rad');
    const line = startFailureLine(error, logDir, detail);
    expect(line).toBe(`Bokvar kunde inte starta: något oväntat. Loggarna finns i ${logDir}; hela felet i ${detail}.`);
    expect(line).not.toContain('\n');
  });
});
