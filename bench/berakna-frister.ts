/**
 * Throughput of the berakna-frister topic (`npx tsx bench/berakna-frister.ts`):
 * the handler in-process, with its input validation, for the deadline groups the
 * models ask for. It reads no database; engine round trips are not included.
 */
import os from 'node:os';
import type { DateTime } from 'luxon';
import { pino } from 'pino';
import { z } from 'zod';
import { svenskTidpunkt } from '../domain/svensk-tid.ts';
import { beraknaFristerTopic } from '../workers/berakna-frister/handler.ts';
import type { TopicContext } from '../workers/topic.ts';

const beraknaFrister = beraknaFristerTopic();

z.config(z.locales.sv());
const log = pino({ level: 'silent' });
const context: TopicContext = {
  taskId: 'bench',
  processInstanceId: 'bench',
  businessKey: 'BV-BENCH',
  log,
  extendLock: async () => {},
};

const CASES = {
  'forhandsbedomningVuxen,atervinningsfrist': (d: DateTime) => ({
    beraknaFrister: 'forhandsbedomningVuxen,atervinningsfrist',
    mottagen: d.toISO(),
    delgivningsdatum: d.minus({ days: 2 }).toISODate(),
  }),
  bekraftelseKronofogden: (d: DateTime) => ({ beraknaFrister: 'bekraftelseKronofogden', mottagen: d.toISO() }),
  'avhysning,uppfoljning': (d: DateTime) => ({
    beraknaFrister: 'avhysning,uppfoljning',
    mottagen: d.toISO(),
    avhysningsdatum: d.plus({ days: 8 }).toISODate(),
  }),
};
const N = 20_000;

console.log(`\n${os.cpus().length} kärnor, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}\n`);
console.log('| frister | uppgifter/s | p50 (ms) | p95 (ms) |');
console.log('|---|---|---|---|');
for (const [name, input] of Object.entries(CASES)) {
  const start = svenskTidpunkt('2026-01-01T10:00:00');
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const day = start.plus({ days: i % 3650, minutes: i % 600 });
    const t = performance.now();
    await beraknaFrister.handle(beraknaFrister.input.parse(input(day)), context);
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const p = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(3);
  console.log(`| ${name} | ${Math.round(N / seconds)} | ${p(0.5)} | ${p(0.95)} |`);
}
