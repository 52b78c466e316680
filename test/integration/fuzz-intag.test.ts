import os from 'node:os';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAsAdmin, stack } from './support/engine.ts';
import { begaranArb, beskriv, fel, Generator, iParallell, skickare, type Begaran, type Grund } from './support/fuzz.ts';
import { kronofogdeMeddelande, loggaIn, ui, underrattelse } from './support/ui.ts';

/**
 * Fuzzed intake: at least 10,000 generated requests against
 * the real UI, across the two notice endpoints, the case events and the paper
 * form. Bodies start from valid ones and are mutated (deleted fields, wrong
 * types, huge and strange strings, control characters, deep nesting, impossible
 * dates), and the transport is mutated too (content types, charsets, encodings,
 * broken JSON, garbage paths). Every answer must be 2xx or 4xx, every 4xx of the
 * API problem+json, and no refused request may start a process: the engine's
 * count of root instances grows by exactly the number of distinct cases the
 * intake answered for.
 *
 * The requests are generated up front from a fixed seed (printed), so a failure
 * is reproduced with BOKVAR_FUZZ_SEED; BOKVAR_FUZZ_ANTAL sets the number and
 * BOKVAR_FUZZ_SAMTIDIGA the requests in flight (8).
 */

const SEED = Number(process.env.BOKVAR_FUZZ_SEED ?? 20261702);
const ANTAL = Number(process.env.BOKVAR_FUZZ_ANTAL ?? 10_000);
const SAMTIDIGA = Number(process.env.BOKVAR_FUZZ_SAMTIDIGA ?? 8);

async function antalRotinstanser(): Promise<{ pagaende: number; historik: number }> {
  const q = { processDefinitionKeyIn: 'hot-om-avhysning,kronofogden-avhysning', rootProcessInstances: true };
  const [pagaende, historik] = await Promise.all([
    engineAsAdmin().get<{ count: number }>('/process-instance/count', q),
    engineAsAdmin().get<{ count: number }>('/history/process-instance/count', q),
  ]);
  return { pagaende: pagaende.count, historik: historik.count };
}

// ---------------------------------------------------------------- the test

let grund: Grund;

beforeAll(async () => {
  const tagg = `${SEED}-${Date.now().toString(36)}`;
  const skapa = async (path: string, body: Record<string, unknown>) => {
    const r = await ui('POST', path, { user: 'vera', body });
    if (r.status !== 201) throw new Error(`setup ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as { arendenummer: string }).arendenummer;
  };
  const kronofogden = [
    await skapa('/api/kronofogden-meddelanden', kronofogdeMeddelande({ malnummer: `FUZZ-${tagg}-A` })),
    await skapa('/api/kronofogden-meddelanden', kronofogdeMeddelande({ malnummer: `FUZZ-${tagg}-B` })),
  ];
  const hotOmAvhysning = [await skapa('/api/underrattelser', underrattelse({ beskrivning: `Fuzz ${tagg} grund` }))];
  grund = {
    kronofogden,
    hotOmAvhysning,
    session: await loggaIn('vera'),
    tagg,
    mottagen: DateTime.now().setZone('Europe/Stockholm').minus({ hours: 1 }).startOf('second').toISO({ suppressMilliseconds: true })!,
  };
}, 180_000);

let sandare: ReturnType<typeof skickare>;
afterAll(() => {
  sandare?.stang();
});

describe('fuzzed intake', () => {
  it(`${ANTAL} generated requests: 2xx or 4xx problem+json, never 5xx, and no process from a refused request`, async () => {
    const start = Date.now();
    const generator = new Generator(grund);
    const begaran: Begaran[] = [];
    // Generated in pieces with seeds derived from the one seed: the same requests every run with that seed.
    for (let del = 0; begaran.reduce((n, b) => n + (b.tvaGanger ? 2 : 1), 0) < ANTAL; del++) {
      for (const r of fc.sample(begaranArb(grund), { seed: SEED + del, numRuns: 250 })) begaran.push(generator.bygg(r));
    }
    const fore = await antalRotinstanser();
    sandare = skickare(stack().uiUrl, SAMTIDIGA);
    const skicka = sandare.skicka;

    let klara = 0;
    const svar = (
      await iParallell(begaran, SAMTIDIGA, async (b) => {
        const forsta = await skicka(b);
        const alla = b.tvaGanger ? [forsta, await skicka(b)] : [forsta];
        for (const s of alla) {
          const f = fel(s);
          // At once, so a long run shows its first finds while it goes on.
          if (f) process.stdout.write(`FEL ${f}: ${beskriv(s)}\n`);
        }
        if (++klara % 1000 === 0)
          process.stdout.write(`… ${klara}/${begaran.length} efter ${((Date.now() - start) / 1000).toFixed(0)} s\n`);
        return alla;
      })
    ).flat();
    const tid = (Date.now() - start) / 1000;

    // The engine's workers may still be starting a case's first steps; root instances are counted at the start.
    const efter = await antalRotinstanser();
    const arenden = new Set<string>();
    for (const s of svar) {
      if (s.begaran.mal !== 'handelser' && s.status >= 200 && s.status < 300)
        arenden.add(String((JSON.parse(s.text) as { arendenummer: string }).arendenummer));
      if (s.status === 303 && s.location) arenden.add(s.location.replace('/arenden/', ''));
    }
    const nyaArenden = new Set([...arenden].filter((a) => !grund.kronofogden.includes(a) && !grund.hotOmAvhysning.includes(a)));

    const perMal = new Map<string, Map<number, number>>();
    for (const s of svar) {
      const m = perMal.get(s.begaran.mal) ?? new Map<number, number>();
      m.set(s.status, (m.get(s.status) ?? 0) + 1);
      perMal.set(s.begaran.mal, m);
    }
    const statusar = [...new Set(svar.map((s) => s.status))].sort((a, b) => a - b);
    const rader = [...perMal.entries()].map(
      ([mal, m]) => `| ${mal} | ${[...m.values()].reduce((a, b) => a + b, 0)} | ${statusar.map((st) => m.get(st) ?? 0).join(' | ')} |`,
    );
    const femhundra = svar.filter((s) => s.status >= 500 || s.status === 0);
    const fela = svar.map((s) => ({ s, f: fel(s) })).filter((x) => x.f !== undefined);
    const giltiga = svar.filter((s) => s.begaran.forvantan === 'giltig').length;
    const ogiltiga = svar.filter((s) => s.begaran.forvantan === 'ogiltig').length;

    process.stdout.write(
      [
        '',
        `Fuzzad intagning: frö ${SEED} (BOKVAR_FUZZ_SEED), ${svar.length} begäranden (BOKVAR_FUZZ_ANTAL=${ANTAL}), ${SAMTIDIGA} samtidiga, ${tid.toFixed(0)} s, ${os.cpus().length} kärnor`,
        `| mål | antal | ${statusar.join(' | ')} |`,
        `|---|---:|${statusar.map(() => '---:').join('|')}|`,
        ...rader,
        `5xx eller inget svar: ${femhundra.length}; felaktiga svar: ${fela.length}; förutsagt giltiga ${giltiga}, förutsagt ogiltiga ${ogiltiga}`,
        `rotinstanser före ${JSON.stringify(fore)}, efter ${JSON.stringify(efter)}; ärenden i svaren: ${nyaArenden.size}`,
        ...fela.slice(0, 40).map((x) => `FEL ${x.f}: ${beskriv(x.s)}`),
        '',
      ].join('\n'),
    );

    expect(svar.length).toBeGreaterThanOrEqual(ANTAL);
    expect(fela.map((x) => `${x.f}: ${beskriv(x.s)}`)).toEqual([]);
    // No refused request started a process: every new root instance is a case some answer named.
    expect(efter.historik - fore.historik).toBe(nyaArenden.size);
    expect(efter.pagaende - fore.pagaende).toBeLessThanOrEqual(nyaArenden.size);
  }, 1_200_000);
});
