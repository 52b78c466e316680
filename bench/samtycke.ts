/**
 * Throughput of the consent register's topics (`npx tsx bench/samtycke.ts`): the
 * handlers in-process against a real PostgreSQL holding 100 000 consents, with
 * as many running at once as the worker process allows by default (8). Engine
 * round trips (fetch-and-lock, complete) are not included: they are the same for
 * every topic. The database (BOKVAR_BENCH_DATABASE_URL) is created anew and
 * migrated by this script.
 */
import os from 'node:os';
import knex from 'knex';
import { pino } from 'pino';
import { z } from 'zod';
import { kontrollsiffra } from '../domain/personnummer.ts';
import { MOTTAGARE_IDN } from '../domain/samtycke/mottagare.ts';
import { SYFTE_IDN } from '../domain/samtycke/syften.ts';
import { createKnex, migrateLatest } from '../migrations/index.ts';
import { ensureDatabase } from '../scripts/database.ts';
import { noEngine } from '../test/support/no-engine.ts';
import { samtyckeAterkallaTopic } from '../workers/samtycke-aterkalla/handler.ts';
import { samtyckeKontrollTopic } from '../workers/samtycke-kontroll/handler.ts';
import { samtyckeRegistreraTopic } from '../workers/samtycke-registrera/handler.ts';
import type { TopicContext, TopicWorker } from '../workers/topic.ts';

z.config(z.locales.sv());

const databaseUrl = process.env.BOKVAR_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bokvar_bench_samtycke';
const PERSONER = 50_000;
const SAMTYCKEN = 100_000;
const ATERKALLELSER = 10_000;
const PARALLELLT = 8;
const KONTROLLER = 20_000;
const REGISTRERINGAR = 5_000;
const ATERKALLNINGAR = 2_000;

// A seeded generator: the same register every run.
let seed = 42;
const slump = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const valj = <T>(lista: readonly T[]): T => lista[Math.floor(slump() * lista.length)] as T;
const delmangd = <T>(lista: readonly T[]): T[] => {
  const urval = lista.filter(() => slump() < 0.4);
  return urval.length > 0 ? urval : [valj(lista)];
};

function personnummer(i: number): string {
  const ar = 40 + (i % 60);
  const manad = 1 + (Math.floor(i / 60) % 12);
  const dag = 1 + (Math.floor(i / 720) % 28);
  const lopnummer = Math.floor(i / 20_160) * 7 + (i % 7);
  const nio = `${ar}${String(manad).padStart(2, '0')}${String(dag).padStart(2, '0')}${String(lopnummer % 1000).padStart(3, '0')}`;
  return `19${nio}${kontrollsiffra(nio)}`;
}

const personer = Array.from({ length: PERSONER }, (_, i) => personnummer(i));
if (new Set(personer).size !== PERSONER) throw new Error('duplicate personnummer in the benchmark data');

await ensureDatabase(databaseUrl, true);
await migrateLatest(databaseUrl);
const db = createKnex(databaseUrl);
const dag = 86_400_000;
const nu = Date.now();

const startSeed = performance.now();
const samtyckesrader = Array.from({ length: SAMTYCKEN }, (_, i) => {
  const lamnat = new Date(nu - (1 + Math.floor(slump() * 700)) * dag);
  return {
    personnummer: personer[i % PERSONER],
    mottagare: delmangd(MOTTAGARE_IDN),
    syften: delmangd(SYFTE_IDN),
    form: slump() < 0.7 ? 'skriftligt' : 'muntligt',
    lamnat,
    giltigt_till: slump() < 0.3 ? new Date(lamnat.getTime() + (30 + Math.floor(slump() * 700)) * dag) : null,
    dokumenterat_av: 'vera',
    arendenummer: `BV-2026-${i}`,
    idempotensnyckel: `seed-${i}`,
  };
});
await db.batchInsert('samtycken', samtyckesrader, 2_000);
const aterkallelserader = Array.from({ length: ATERKALLELSER }, (_, i) => ({
  personnummer: valj(personer),
  mottagare: slump() < 0.5 ? null : [valj(MOTTAGARE_IDN)],
  syften: slump() < 0.5 ? null : [valj(SYFTE_IDN)],
  aterkallat: new Date(nu - Math.floor(slump() * 300) * dag),
  dokumenterat_av: 'vera',
  idempotensnyckel: `seed-aterkallelse-${i}`,
}));
await db.batchInsert('samtycke_aterkallelser', aterkallelserader, 2_000);
await db.raw('ANALYZE samtycken, samtycke_aterkallelser');
const seedSeconds = (performance.now() - startSeed) / 1000;

const log = pino({ level: 'silent' });
const context = (taskId: string): TopicContext => ({
  taskId,
  processInstanceId: `bench-${taskId}`,
  businessKey: 'BV-2026-1',
  log,
  extendLock: async () => {},
});

interface Matning {
  topic: string;
  uppgifter: number;
  perSekund: number;
  p50: number;
  p95: number;
  utfall: string;
}

/** Runs `antal` tasks, `PARALLELLT` at a time, each parsed and handled as the worker would. */
async function mat(
  worker: TopicWorker,
  antal: number,
  indata: (i: number) => Record<string, unknown>,
): Promise<Matning & { svar: unknown[] }> {
  const tider: number[] = [];
  const svar: unknown[] = [];
  let nasta = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: PARALLELLT }, async () => {
      while (nasta < antal) {
        const i = nasta++;
        const t0 = performance.now();
        const input = worker.input.parse(indata(i));
        const outcome = await worker.handle(input, context(`${worker.topic}-${i}`));
        tider.push(performance.now() - t0);
        svar.push(outcome);
      }
    }),
  );
  const sekunder = (performance.now() - start) / 1000;
  tider.sort((a, b) => a - b);
  const kvantil = (q: number) => tider[Math.min(tider.length - 1, Math.floor(q * tider.length))] ?? 0;
  return { topic: worker.topic, uppgifter: antal, perSekund: antal / sekunder, p50: kvantil(0.5), p95: kvantil(0.95), utfall: '', svar };
}

const hyresgast = (pnr: string) => ({ personnummer: pnr, namn: 'Bänk Bänksson' });
const matningar: Matning[] = [];

const kontroll = await mat(samtyckeKontrollTopic({ db, engine: noEngine() }), KONTROLLER, () => ({
  hyresgast: hyresgast(valj(personer)),
  samtyckeMottagare: valj(MOTTAGARE_IDN),
  samtyckeSyfte: valj(SYFTE_IDN),
}));
const finns = kontroll.svar.filter((s) => (s as { variables: { samtyckeFinns: boolean } }).variables.samtyckeFinns).length;
matningar.push({ ...kontroll, utfall: `${Math.round((100 * finns) / KONTROLLER)} % samtyckeFinns` });

const registrera = await mat(samtyckeRegistreraTopic({ db, engine: noEngine() }), REGISTRERINGAR, () => ({
  hyresgast: hyresgast(valj(personer)),
  samtyckeMottagare: delmangd(MOTTAGARE_IDN),
  samtyckeSyfte: delmangd(SYFTE_IDN),
  samtyckeForm: 'skriftligt',
  samtyckeLamnatDatum: new Date(nu - dag).toISOString(),
  samtyckeDokumenteratAv: 'vera',
}));
matningar.push({ ...registrera, utfall: 'ny rad varje gång' });

const aterkalla = await mat(samtyckeAterkallaTopic({ db, engine: noEngine() }), ATERKALLNINGAR, () => ({
  hyresgast: hyresgast(valj(personer)),
  aterkallelseOmfattning: 'delvis',
  aterkallelseMottagare: [valj(MOTTAGARE_IDN)],
  aterkallelseTidpunkt: new Date(nu - 60_000).toISOString(),
  samtyckeDokumenteratAv: 'vera',
}));
matningar.push({ ...aterkalla, utfall: 'ny rad varje gång' });

const [{ antal }] = (await db('samtycken').count({ antal: '*' })) as [{ antal: string }];
await db.destroy();

const version = await (async () => {
  const v = knex({ client: 'pg', connection: databaseUrl });
  try {
    return ((await v.raw('SHOW server_version')).rows[0] as { server_version: string }).server_version;
  } finally {
    await v.destroy();
  }
})();

console.log(
  `\n${os.cpus().length} kärnor, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}, PostgreSQL ${version}; ` +
    `${SAMTYCKEN.toLocaleString('sv-SE')} samtycken hos ${PERSONER.toLocaleString('sv-SE')} personer och ` +
    `${ATERKALLELSER.toLocaleString('sv-SE')} återkallelser (inläsning ${seedSeconds.toFixed(1)} s); ${PARALLELLT} uppgifter åt gången; ` +
    `${Number(antal).toLocaleString('sv-SE')} samtycken efteråt\n`,
);
console.log('| topic | uppgifter | uppgifter/s | p50 (ms) | p95 (ms) | utfall |');
console.log('|---|---|---|---|---|---|');
for (const m of matningar) {
  console.log(`| ${m.topic} | ${m.uppgifter} | ${Math.round(m.perSekund)} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.utfall} |`);
}
