/**
 * Time to produce a letter and the brev topic's throughput (`npx tsx bench/brev.ts`).
 * Generation alone: template text and PDF/A rendering of one letter, per letter
 * type. Generation and storing: the topic's handler in-process (input parsed with
 * its zod schema, letters rendered, stored with their SHA-256 in PostgreSQL),
 * one task at a time and 8 at a time (the worker process's default parallelism).
 * Engine round trips (fetch-and-lock, complete) are not included: they are the
 * same for every topic. The database (BOKVAR_BENCH_DATABASE_URL) is created anew
 * and migrated by this script.
 */
import os from 'node:os';
import { pino } from 'pino';
import { z } from 'zod';
import { BREVTYPER, type Brevtyp } from '../domain/brevtyper.ts';
import { atervinningsfrist, bekraftelseKronofogden, uppfoljning } from '../frister/index.ts';
import { ensureDatabase } from '../scripts/database.ts';
import { createKnex, migrateLatest } from '../migrations/index.ts';
import { noEngine } from '../test/support/no-engine.ts';
import { lasAvsandare } from '../workers/brev/avsandare.ts';
import { planeraBrev } from '../workers/brev/brev.ts';
import { brevTopic } from '../workers/brev/handler.ts';
import { brevIndata } from '../workers/brev/indata.ts';
import { renderPdf } from '../workers/brev/pdf.ts';
import type { TopicContext } from '../workers/topic.ts';

z.config(z.locales.sv());

const databaseUrl = process.env.BOKVAR_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bokvar_bench_brev';
const BREV_PER_TYP = 200;
const UPPGIFTER = 200;
const PARALLELLT = 8;
const UPPVARMNING = 10;

const variabler = (brevtyp: Brevtyp, i: number) => ({
  brevtyp,
  skyddadIdentitet: i % 10 === 0,
  ansvarigHandlaggare: 'Åke Sjöström',
  ansvarigHandlaggareTelefon: '031-365 00 01',
  hyresgast: { personnummer: '19700303-1239', namn: `Märta Ögren-Åkesson ${i}` },
  adress: { gatuadress: `Ängsvägen ${1 + (i % 90)}`, postnummer: '41319', ort: 'Göteborg', lagenhetsnummer: '1001' },
  hyresvard: { namn: 'Bostadsbolaget Älvstranden AB', kontaktperson: 'Örjan Hyresson' },
  hyresvardAdress: { gatuadress: 'Kvarnbergsgatan 2', postnummer: '41105', ort: 'Göteborg' },
  malnummer: '12-998877-26',
  avhysningsdatum: '2026-12-28T09:00:00+01:00',
  hyresskuld: 14_250 + i,
  hembesokTid: '2026-12-17T10:00+01:00',
  fristunderlag: {
    atervinningsfrist: atervinningsfrist({ delgivningsdatum: '2026-12-02', mottagenSocialnamnden: '2026-12-01' }),
    bekraftelseKronofogden: bekraftelseKronofogden({ mottagen: '2026-12-14T10:15:00+01:00' }).bekraftelse,
    uppfoljning: uppfoljning({ avslutad: '2026-12-14' }),
  },
});

const percentil = (tider: number[], p: number) => {
  const sorterade = [...tider].sort((a, b) => a - b);
  return sorterade[Math.min(sorterade.length - 1, Math.ceil((p / 100) * sorterade.length) - 1)] as number;
};
const ms = (t: number) => t.toFixed(1);
const heltal = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

const avsandare = lasAvsandare();
const rader: string[] = [];

// Generation alone, per letter type: one letter (the first of the task's letters).
const storlekar: number[] = [];
for (const typ of BREVTYPER) {
  const tider: number[] = [];
  const start = performance.now();
  for (let i = 0; i < UPPVARMNING + BREV_PER_TYP; i++) {
    const t0 = performance.now();
    const [brev] = planeraBrev(brevIndata.parse(variabler(typ, i)), { arendenummer: `BV-2026-${i}`, avsandare, skapad: new Date() });
    const pdf = await renderPdf(brev!.dokument);
    if (i >= UPPVARMNING) {
      tider.push(performance.now() - t0);
      storlekar.push(pdf.length);
    }
  }
  const sekunder = (performance.now() - start) / 1000;
  rader.push(
    `| generate ${typ} | ${BREV_PER_TYP} letters | ${ms(percentil(tider, 50))} | ${ms(percentil(tider, 95))} | ${heltal((UPPVARMNING + BREV_PER_TYP) / sekunder)} letters/s |`,
  );
}

// Generation and storing: the handler, a task per letter type in turn.
await ensureDatabase(databaseUrl, true);
await migrateLatest(databaseUrl);
const db = createKnex(databaseUrl);
const worker = brevTopic({ db, engine: noEngine() }, avsandare);
const log = pino({ level: 'silent' });
let serie = 0;
async function enUppgift(i: number): Promise<number> {
  serie += 1;
  const context: TopicContext = {
    taskId: `bench-${serie}`,
    processInstanceId: `bench-pi-${serie}`,
    businessKey: `BV-2026-${serie}`,
    log,
    extendLock: async () => {},
  };
  const t0 = performance.now();
  await worker.handle(worker.input.parse(variabler(BREVTYPER[i % BREVTYPER.length]!, i)), context);
  return performance.now() - t0;
}

for (const samtidigt of [1, PARALLELLT]) {
  for (let i = 0; i < UPPVARMNING; i++) await enUppgift(i);
  const fore = Number((await db('brev').count({ n: '*' }))[0]!.n);
  const tider: number[] = [];
  const start = performance.now();
  let nasta = 0;
  await Promise.all(
    Array.from({ length: samtidigt }, async () => {
      while (nasta < UPPGIFTER) tider.push(await enUppgift(nasta++));
    }),
  );
  const sekunder = (performance.now() - start) / 1000;
  const brev = Number((await db('brev').count({ n: '*' }))[0]!.n) - fore;
  rader.push(
    `| generate + store (handler), ${samtidigt} at a time | ${UPPGIFTER} tasks, ${brev} letters | ${ms(percentil(tider, 50))} | ${ms(percentil(tider, 95))} | ${heltal(UPPGIFTER / sekunder)} tasks/s, ${heltal(brev / sekunder)} letters/s |`,
  );
}
await db.destroy();

const cpu = os.cpus();
console.log(
  `\n${cpu.length} cores, ${cpu[0]?.model ?? ''}, Node ${process.version}; PDF size ${heltal(storlekar.reduce((a, b) => a + b, 0) / storlekar.length / 1024)} KiB on average\n`,
);
console.log('| measurement | count | p50 (ms) | p95 (ms) | throughput |');
console.log('|---|---|---|---|---|');
for (const rad of rader) console.log(rad);
