/**
 * Throughput of the register topics folkbokforing and aktuell-kontroll
 * (`npx tsx bench/folkbokforing.ts`): each handler in-process (input parsed with
 * its zod schema, then handled) against a real PostgreSQL holding the synthetic
 * population of 10 000 persons and who of it is aktuell where, 8 tasks at a time
 * (the worker process's default parallelism). Engine round trips are not
 * included: they are the same for every topic. Also times generating the
 * population and importing it (first load and an unchanged re-import). The
 * database (BOKVAR_BENCH_DATABASE_URL) is created anew and migrated here.
 */
import os from 'node:os';
import { z } from 'zod';
import { ensureDatabase } from '../scripts/database.ts';
import { createKnex, migrateLatest } from '../migrations/index.ts';
import { syntetiskaExtrakt } from '../scripts/syntetisk-data.ts';
import { noEngine } from '../test/support/no-engine.ts';
import { aktuellKontrollTopic } from '../workers/aktuell-kontroll/handler.ts';
import { AKTUELLA_IMPORT } from '../workers/aktuell-kontroll/import.ts';
import { folkbokforingTopic } from '../workers/folkbokforing/handler.ts';
import { FOLKBOKFORING_IMPORT } from '../workers/folkbokforing/import.ts';
import { importeraUttag } from '../workers/registerimport.ts';
import type { TopicContext, TopicWorker } from '../workers/topic.ts';

z.config(z.locales.sv());

const databaseUrl = process.env.BOKVAR_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bokvar_bench_folkbokforing';
const PERSONER = 10_000;
const UPPGIFTER = 20_000;
const PARALLELLT = 8;

const sekunder = (start: number) => ((performance.now() - start) / 1000).toFixed(2);

let start = performance.now();
const extrakt = syntetiskaExtrakt({ antal: PERSONER, seed: 20261125 });
const { population } = extrakt;
process.stdout.write(`generera: ${population.personer.length} personer, ${population.hushall.length} hushåll på ${sekunder(start)} s\n`);

await ensureDatabase(databaseUrl, true);
await migrateLatest(databaseUrl);
const db = createKnex(databaseUrl);
start = performance.now();
const forsta = await importeraUttag(db, FOLKBOKFORING_IMPORT, extrakt.folkbokforingCsv);
const aktuella = await importeraUttag(db, AKTUELLA_IMPORT, extrakt.aktuellaCsv);
process.stdout.write(`import: ${forsta.nya} personer, ${aktuella.nya} aktualiteter på ${sekunder(start)} s\n`);
start = performance.now();
const igen = await importeraUttag(db, FOLKBOKFORING_IMPORT, extrakt.folkbokforingCsv);
process.stdout.write(`import igen (oförändrad): ${igen.oforandrade} oförändrade på ${sekunder(start)} s\n`);
await db.raw('ANALYZE');

const context: TopicContext = {
  taskId: 'bench',
  processInstanceId: 'bench',
  businessKey: null,
  log: {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child() {
      return this;
    },
  } as never,
  extendLock: async () => {},
};

/** Runs `antal` tasks, PARALLELLT at a time; returns tasks/s and latency percentiles. */
async function mat(worker: TopicWorker, indata: (i: number) => Record<string, unknown>) {
  const latens: number[] = [];
  const utfall = new Map<string, number>();
  let nasta = 0;
  const borjan = performance.now();
  await Promise.all(
    Array.from({ length: PARALLELLT }, async () => {
      while (nasta < UPPGIFTER) {
        const i = nasta++;
        const t = performance.now();
        const outcome = await worker.handle(worker.input.parse(indata(i)), context);
        latens.push(performance.now() - t);
        const nyckel = outcome.kind === 'complete' ? 'complete' : outcome.errorCode;
        utfall.set(nyckel, (utfall.get(nyckel) ?? 0) + 1);
      }
    }),
  );
  const tid = (performance.now() - borjan) / 1000;
  latens.sort((a, b) => a - b);
  const p = (q: number) => latens[Math.floor(q * (latens.length - 1))]!.toFixed(1);
  return { perSekund: Math.round(UPPGIFTER / tid), p50: p(0.5), p95: p(0.95), utfall: Object.fromEntries(utfall) };
}

// Every 20th task asks for someone the register does not have (the BPMN error path).
const hushall = population.hushall;
const folkbokforing = await mat(folkbokforingTopic({ db, engine: noEngine() }), (i) => {
  const h = hushall[(i * 7919) % hushall.length]!;
  const personnummer = i % 20 === 0 ? population.okandaPersonnummer[i % population.okandaPersonnummer.length]! : h.hyresgast;
  return { hyresgast: { personnummer, namn: 'Bench Person' }, adress: h.boendeadress, referensdatum: population.referensdatum };
});
const aktuellKontroll = await mat(aktuellKontrollTopic({ db, engine: noEngine() }), (i) => ({
  hyresgast: { personnummer: hushall[(i * 7919) % hushall.length]!.hyresgast, namn: 'Bench Person' },
  referensdatum: population.referensdatum,
}));

process.stdout.write(
  [
    '',
    `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} kärnor (${os.cpus()[0]?.model.trim()}), Node ${process.version}`,
    '',
    '| topic | tasks | tasks/s | p50 (ms) | p95 (ms) | outcomes |',
    '|---|---|---|---|---|---|',
    `| folkbokforing | ${UPPGIFTER} | ${folkbokforing.perSekund} | ${folkbokforing.p50} | ${folkbokforing.p95} | ${JSON.stringify(folkbokforing.utfall)} |`,
    `| aktuell-kontroll | ${UPPGIFTER} | ${aktuellKontroll.perSekund} | ${aktuellKontroll.p50} | ${aktuellKontroll.p95} | ${JSON.stringify(aktuellKontroll.utfall)} |`,
    '',
  ].join('\n'),
);
await db.destroy();
