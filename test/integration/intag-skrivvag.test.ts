import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRest } from '../../engine-rest/client.ts';
import { createKnex } from '../../migrations/index.ts';
import { avslutaOfullbordadeStarter } from '../../ui/intake/arendestart.ts';
import { registreraUnderrattelse } from '../../ui/intake/registrera.ts';
import { underrattelseSchema } from '../../ui/intake/schemas.ts';
import { Engine } from '../../ui/engine/engine.ts';
import { Problem } from '../../ui/api/problem.ts';
import { cancelInstance, engineAsAdmin, eventually, stack } from './support/engine.ts';
import { underrattelse } from './support/ui.ts';

/**
 * Issue 17: the intake's write path under failure. An engine that cannot be
 * reached leaves no row; one that cut the connection after the start went out
 * leaves a row that a repeat (or the clean-up) links to the case or rolls back.
 * The breaking engine is a socket that closes without answering: the network
 * failure itself, in front of the real engine that runs the cases.
 */
let db: Knex;
let brytande: http.Server;
const engine = () => new Engine(new EngineRest(stack().engineRestUrl, stack().ui));

/** An "engine" that forwards each start to the real one and cuts the connection before answering. */
async function startaBrytande(): Promise<string> {
  brytande = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const path = req.url!.replace(/^\/engine-rest/, '');
      void fetch(stack().engineRestUrl + path, {
        method: req.method,
        headers: { 'Content-Type': 'application/json', Authorization: req.headers.authorization! },
        body: body || undefined,
      }).finally(() => res.socket?.destroy());
    });
  });
  await new Promise<void>((resolve) => brytande.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(brytande.address() as AddressInfo).port}/engine-rest`;
}

/** A port nothing listens on: connecting is refused. */
async function ledigPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const rad = (arendenummer: string) =>
  db('arenden').where({ arendenummer }).first<{ process_instance_id: string | null; start_las_till: Date | null } | undefined>();

async function problem(call: Promise<unknown>): Promise<Problem> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Problem);
  return error as Problem;
}

beforeAll(async () => {
  db = createKnex(stack().databaseUrl);
});
afterAll(async () => {
  brytande?.close();
  await db.destroy();
});

describe('the intake writes a case all or nothing', () => {
  it('engine not reachable: 503, no row, no instance; the same notice later starts one case', async () => {
    const u = underrattelseSchema.parse(underrattelse());
    const borta = new Engine(new EngineRest(`http://127.0.0.1:${await ledigPort()}/engine-rest`, stack().ui));
    const p = await problem(registreraUnderrattelse(db, borta, u, 'vera'));
    expect(p.status).toBe(503);
    expect(await db('arenden').where('registrerad_av', 'vera').whereNull('process_instance_id').count({ n: '*' }).first()).toEqual({
      n: '0',
    });

    const r = await registreraUnderrattelse(db, engine(), u, 'vera');
    expect(r.nytt).toBe(true);
    expect((await rad(r.svar.arendenummer))?.process_instance_id).toBe(r.svar.processInstanceId);
    await cancelInstance(r.svar.processInstanceId);
  });

  it('connection cut after the start went out: 503 saying it is unclear, the row waits; the repeat finds the case the engine started instead of starting a second', async () => {
    const u = underrattelseSchema.parse(underrattelse());
    const p = await problem(registreraUnderrattelse(db, new Engine(new EngineRest(await startaBrytande(), stack().ui)), u, 'vera'));
    expect(p.status).toBe(503);
    const arendenummer = /ärende (BV-\d{4}-\d+)/.exec(p.detail ?? '')?.[1];
    expect(arendenummer, p.detail).toBeDefined();
    expect(p.detail).toMatch(/inget ärende startas två gånger/);
    const kvar = await rad(arendenummer!);
    expect(kvar?.process_instance_id).toBeNull();

    // At once: the start's short lease still runs, the repeat is asked to wait.
    expect((await problem(registreraUnderrattelse(db, engine(), u, 'vera'))).status).toBe(409);
    await db('arenden')
      .where({ arendenummer })
      .update({ start_las_till: db.raw("now() - interval '1 second'") });
    // The clean-up, with the engine still away, gives the lease straight back: the sender's repeat is not told to wait.
    const borta = new Engine(new EngineRest(`http://127.0.0.1:${await ledigPort()}/engine-rest`, stack().ui));
    await expect(avslutaOfullbordadeStarter(db, borta)).rejects.toThrow(/unreachable/);
    expect((await rad(arendenummer!))?.start_las_till?.getTime()).toBeLessThanOrEqual(Date.now());
    const r = await registreraUnderrattelse(db, engine(), u, 'vera');
    expect(r.svar.arendenummer).toBe(arendenummer);
    const instanser = await engineAsAdmin().get<{ id: string }[]>('/process-instance', {
      businessKey: arendenummer!,
      processDefinitionKey: 'hot-om-avhysning',
    });
    expect(instanser.map((i) => i.id)).toEqual([r.svar.processInstanceId]);
    expect((await rad(arendenummer!))?.process_instance_id).toBe(r.svar.processInstanceId);
    await cancelInstance(r.svar.processInstanceId);
  });

  it('the clean-up links a broken-off start the engine made, and rolls back one it did not', async () => {
    const start = await problem(
      registreraUnderrattelse(
        db,
        new Engine(new EngineRest(await startaBrytande(), stack().ui)),
        underrattelseSchema.parse(underrattelse()),
        'vera',
      ),
    );
    const startad = /ärende (BV-\d{4}-\d+)/.exec(start.detail ?? '')![1]!;
    const [{ arendenummer: ostartad }] = await db('arenden')
      .insert({
        arendenummer: `BV-1999-${String(Date.now()).slice(-8)}`,
        process_key: 'hot-om-avhysning',
        kallreferens: `test:${Date.now()}`,
        mottagen: new Date(),
        start_las_till: new Date(Date.now() - 1000),
      })
      .returning('arendenummer');
    await db('arenden')
      .whereIn('arendenummer', [startad, ostartad])
      .update({ start_las_till: db.raw("now() - interval '1 second'") });

    const utfall = await avslutaOfullbordadeStarter(db, engine());
    expect(utfall.kopplade).toBeGreaterThanOrEqual(1);
    expect(utfall.aterstallda).toBeGreaterThanOrEqual(1);
    const kopplad = await eventually('linked', async () => (await rad(startad))?.process_instance_id);
    expect(await rad(ostartad)).toBeUndefined();
    await cancelInstance(kopplad);
  });
});
