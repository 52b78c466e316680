/**
 * The auditor's pages at volume (`npx tsx bench/revision.ts`): N real
 * `hot-om-avhysning` cases registered through the intake API (the real
 * processes and workers carry each to its first task), then, as the demo
 * revisor over HTTP Basic: the compliance report for the whole period, the
 * same as CSV, one case's timeline (JSON and PDF/A) and the read log.
 * Starts its own stack (ports 17082/17302, database bokvar_revision_bench
 * unless BOKVAR_BENCH_DATABASE_URL says otherwise); the tenants are adults of
 * the synthetic population that development mode loads.
 */
import os from 'node:os';
import knex from 'knex';
import { svenskTidpunkt } from '../domain/svensk-tid.ts';
import { EngineRest } from '../engine-rest/client.ts';
import type { Person } from './pipeline/notices.ts';
import { startBenchStack } from './stack.ts';

const N = Number(process.env.BOKVAR_BENCH_ARENDEN ?? 2000);
const PARALLEL = 8;
const DAGAR = 60;

const { config, stack } = await startBenchStack('revision', { database: 'bokvar_revision_bench', enginePort: 17082, uiPort: 17302 });
const db = knex({ client: 'pg', connection: stack.databaseUrl, pool: { min: 0, max: 4 } });
const basic = (u: string) => ({ Authorization: `Basic ${Buffer.from(`${u}:${u}`).toString('base64')}` });

try {
  const personer = await db('folkbokforing_personer')
    .where({ skyddad_folkbokforing: false, sekretessmarkering: false })
    .whereNotNull('lagenhetsnummer')
    .whereRaw('substr(personnummer, 1, 4)::int < 2000')
    .orderBy('personnummer')
    .limit(N)
    .select<Person[]>();
  if (personer.length < N) throw new Error(`only ${personer.length} adults in the synthetic population`);

  const nu = svenskTidpunkt(new Date()).startOf('second');
  const seedStart = performance.now();
  let next = 0;
  const arenden: string[] = [];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < N) {
        const i = next++;
        const p = personer[i]!;
        // Receptions spread over the period, so the report has cases of every age.
        const mottagen = nu.minus({ days: i % DAGAR, minutes: i % 600 });
        const r = await fetch(`${stack.uiUrl}/api/underrattelser`, {
          method: 'POST',
          headers: { ...basic('vera'), 'Content-Type': 'application/json' },
          body: JSON.stringify({
            mottagen: mottagen.toISO({ suppressMilliseconds: true }),
            kalla: 'hyresvard',
            orsak: i % 3 === 0 ? 'storningar' : 'obetald-hyra',
            hyresgast: { personnummer: p.personnummer, namn: `${p.fornamn} ${p.efternamn}` },
            adress: { gatuadress: p.utdelningsadress2, postnummer: p.postnummer, ort: p.postort, lagenhetsnummer: p.lagenhetsnummer },
            hyresvard: { namn: 'Bostadsbolaget AB' },
            ...(i % 3 === 0 ? {} : { uppsagning: { delgivningsdatum: mottagen.minus({ days: 2 }).toISODate(), hyresskuld: 9000 + i } }),
            beskrivning: `Benchmark ${i}`,
          }),
        });
        if (r.status !== 201) throw new Error(`intake ${i}: ${r.status} ${await r.text()}`);
        arenden.push(((await r.json()) as { arendenummer: string }).arendenummer);
      }
    }),
  );
  const intakeSeconds = (performance.now() - seedStart) / 1000;
  // The workers carry every case to its first task (Aktualisera).
  const admin = new EngineRest(stack.engineRestUrl, config.admin);
  for (;;) {
    const { count } = await admin.get<{ count: number }>('/task/count', { taskDefinitionKey: 'Aktualisera' });
    if (count >= N) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const time = async (url: string): Promise<number> => {
    const t = performance.now();
    const r = await fetch(stack.uiUrl + url, { headers: basic('rut') });
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return performance.now() - t;
  };
  const measure = async (name: string, url: () => string, samples: number) => {
    for (let i = 0; i < 2; i++) await time(url()); // warm-up
    const times: number[] = [];
    for (let i = 0; i < samples; i++) times.push(await time(url()));
    times.sort((a, b) => a - b);
    const p = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(0);
    console.log(`| ${name} | ${samples} | ${p(0.5)} | ${p(0.95)} |`);
  };
  const random = () => arenden[Math.floor(Math.random() * arenden.length)]!;
  const fran = nu.minus({ days: DAGAR }).toISODate();
  const till = nu.toISODate();

  console.log(
    `\n${os.cpus().length} kärnor, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}, belastning ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ` +
      `${N} ärenden registrerade på ${intakeSeconds.toFixed(0)} s, vid första uppgiften efter ${seedSeconds.toFixed(0)} s\n`,
  );
  console.log('| measurement | samples | p50 (ms) | p95 (ms) |');
  console.log('|---|---|---|---|');
  await measure(
    `compliance report, ${DAGAR} days, ${N} cases (GET /api/revision/efterlevnad)`,
    () => `/api/revision/efterlevnad?fran=${fran}&till=${till}`,
    10,
  );
  await measure(
    'the same, one measure as CSV with its case list',
    () => `/api/revision/efterlevnad?fran=${fran}&till=${till}&format=csv&tabell=forhandsbedomning&lista=alla`,
    10,
  );
  await measure('case timeline (JSON)', () => `/api/revision/arenden/${random()}/tidslinje?syfte=Revision`, 50);
  await measure('case timeline as PDF/A', () => `/api/revision/arenden/${random()}/tidslinje.pdf?syfte=Revision`, 20);
  await measure('read log, filtered by user, first page', () => '/api/revision/lasloggar?anvandare=rut', 20);
} finally {
  await db.destroy();
  await stack.stop();
}
