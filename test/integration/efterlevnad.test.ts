import knex, { type Knex } from 'knex';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Efterlevnadsrapport, Matt } from '../../ui/revision/efterlevnad/types.ts';
import { engineAsAdmin, eventually, stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import {
  activitiesRun,
  completeWhenOpen,
  fireTimer,
  historicVariable,
  instancesOf,
  submitFormAsTasklist,
  waitForTask,
  type Value,
} from './support/scenario.ts';
import { basic, kronofogdeMeddelande, ui, underrattelse, vardag } from './support/ui.ts';

/**
 * The compliance report (issue #8) on the real stack: cases registered through
 * the intake API with reception dates in two past periods that only this file
 * uses, driven through their processes by caseworkers and the real workers;
 * timers that are not yet due are moved through the engine's job API. Then the
 * report's own numbers and case lists must be exactly the known outcomes.
 *
 * Timers whose time has already come (the förhandsbedömning's two and four
 * weeks, the afternoon escalation of a month-old Kronofogden notice) are run
 * by the engine's job executor by itself, as they would be in production.
 *
 * People (fixtures/scenarier-folkbokforing.csv), owned by this file:
 * Agnes Almgren, Bodil Berglöf, Caspar Cederlund, Dagny Dahlkvist, Einar
 * Engström (alone); Frida Fjällström with Felix, Greta Granlund with Gösta,
 * Hampus Hedlund with Hilma (families); Ingrid Isaksson (alone).
 */
const ZONE = 'Europe/Stockholm';
const nu = () => DateTime.now().setZone(ZONE);
/** Period A: notices received 33 and 30 days ago; period B: nine days ago. */
const DAG_A1 = nu().minus({ days: 33 }).startOf('day');
const DAG_A2 = nu().minus({ days: 30 }).startOf('day');
const DAG_B = nu().minus({ days: 9 }).startOf('day');
const at = (dag: DateTime, timme: number) => dag.set({ hour: timme }).toISO({ suppressMilliseconds: true })!;
const ms = (d: DateTime) => d.toISODate()!;

const person = (personnummer: string, namn: string, gatuadress: string, postnummer: string, lagenhetsnummer: string) => ({
  hyresgast: { personnummer, namn },
  adress: { gatuadress, postnummer, ort: 'Göteborg', lagenhetsnummer },
});
const AGNES = person('198102034116', 'Agnes Almgren', 'Almvägen 11', '41301', '1101');
const BODIL = person('197904125122', 'Bodil Berglöf', 'Bergsgatan 12', '41302', '1102');
const CASPAR = person('198607196139', 'Caspar Cederlund', 'Cedergatan 13', '41303', '1103');
const DAGNY = person('197209227144', 'Dagny Dahlkvist', 'Dalgatan 14', '41304', '1104');
const EINAR = person('196711308152', 'Einar Engström', 'Engatan 15', '41305', '1105');
const FRIDA = person('199002149160', 'Frida Fjällström', 'Fjällgatan 16', '41306', '1106');
const GRETA = person('198803081184', 'Greta Granlund', 'Grangatan 17', '41307', '1107');
const HAMPUS = person('199305173206', 'Hampus Hedlund', 'Hedgatan 18', '41308', '1108');
const INGRID = person('198406265226', 'Ingrid Isaksson', 'Isgatan 19', '41309', '1109');

async function registrera(over: Record<string, unknown>): Promise<string> {
  const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse(over) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.arendenummer as string;
}

async function registreraKronofogden(over: Record<string, unknown>): Promise<string> {
  const r = await ui('POST', '/api/kronofogden-meddelanden', {
    user: 'eva',
    body: kronofogdeMeddelande({ avhysningsdatum: vardag(12), ...over }),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.arendenummer as string;
}

const uppsagd = { orsak: 'obetald-hyra', uppsagning: { delgivningsdatum: ms(nu().minus({ days: 8 })), hyresskuld: 14_000 } };

const aktualisera = (arende: string, over: Record<string, Value> = {}) =>
  completeWhenOpen('vera', arende, 'Aktualisera', {
    treservaReferens: 'TRE-2026/801',
    ansvarigHandlaggare: 'Vera Vuxenenheten',
    aktualiseringstyp: 'underrattelse-obetald-hyra',
    barnEnligtHandlaggare: false,
    ...over,
  });
const kontaktaHyresvarden = (arende: string) =>
  completeWhenOpen('vera', arende, 'KontaktaHyresvarden', { hyresskuldReglerad: 'nej', oroForBarn: false, barnEnligtHyresvard: false });
const avslutaAktualiseringen = (arende: string) =>
  completeWhenOpen('vera', arende, 'BeslutaOmUtredning', {
    utredningsbeslut: 'avsluta-aktualisering',
    utredningsbeslutMotivering: 'Inget behov av utredning.',
  });
const bedomBarnutredning = (arende: string) =>
  completeWhenOpen('bosse', arende, 'BedomBarnutredning', {
    barnutredningBeslut: 'ingen-barnutredning',
    barnutredningMotivering: 'Barnet har stöd i skolan.',
  });
const bekrafta = async (arende: string) => {
  // a month-old notice: the engine runs the afternoon escalation at once; act after it, not against it
  await waitForTask(arende, 'EskaleraBekraftelse');
  await completeWhenOpen('stina', arende, 'BekraftaTillKronofogden', { ansvarigHandlaggare: 'Vera Vuxenenheten' });
};
/** A month-old case: the two- and four-week timers are past due and run at once; act after them, not against them. */
const efterForfallnaTimrar = (arende: string) => waitForTask(arende, 'EskaleraForhandsbedomning');

/** Waits until a letter of the type exists for the case: the letter worker runs on its own. */
async function brevFinns(arende: string, typ: string): Promise<void> {
  await eventually(`letter ${typ} in ${arende}`, () => db('brev').where({ arendenummer: arende, typ }).select('id'), 40_000);
}

/** The registry marks the case's letters (of a type) sent now: the report counts letters when sent, not when written. */
async function markeraSkickade(arende: string, typ?: string): Promise<void> {
  const brev = await db('brev')
    .where({ arendenummer: arende, ...(typ ? { typ } : {}) })
    .whereNull('skickad')
    .select<{ id: string }[]>('id');
  for (const b of brev) {
    const r = await ui('POST', `/api/brev/${b.id}/skickad`, { user: 'vera', body: {} });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
}

const A: Record<'A1' | 'A2' | 'A3' | 'A4' | 'K1' | 'K2' | 'K3', string> = {} as never;
let B1: string;
let K0: string;
let db: Knex;

afterAll(async () => {
  await db.destroy();
});

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await importScenarioPeople(stack().databaseUrl);

  // Period A: received 33 and 30 days ago.
  [A.A1, A.A2, A.A3, A.A4, A.K1, A.K2, A.K3] = await Promise.all([
    registrera({ ...AGNES, ...uppsagd, kalla: 'hyresvard', mottagen: at(DAG_A1, 9) }),
    registrera({ ...BODIL, ...uppsagd, kalla: 'hyresvard', mottagen: at(DAG_A2, 10) }),
    registrera({ ...CASPAR, ...uppsagd, kalla: 'hyresvard', mottagen: at(DAG_A2, 11) }),
    // a relative reports the family; the children are named in the notice only
    registrera({ ...DAGNY, kalla: 'anhorig', orsak: 'storningar', uppsagning: undefined, barn: [{ alder: 7 }], mottagen: at(DAG_A2, 12) }),
    registreraKronofogden({ ...EINAR, mottagen: at(DAG_A1, 14) }),
    registreraKronofogden({ ...FRIDA, mottagen: at(DAG_A1, 15) }),
    registreraKronofogden({ ...GRETA, mottagen: at(DAG_A2, 13) }),
  ]);
  B1 = await registrera({ ...HAMPUS, kalla: 'hyresvard', orsak: 'storningar', uppsagning: undefined, mottagen: at(DAG_B, 9) });

  await Promise.all([
    // A1: the rent was paid; the tenant reached by phone; four weeks passed with special reasons recorded
    (async () => {
      await completeWhenOpen('eva', A.A1, 'BeslutaOmAtagande', {
        ansvarigHandlaggare: 'Eva Ekonom',
        atervinningsbeslut: 'hyran-betald',
        atervinningMotivering: 'Hyresvärden bekräftar att hyran är betald.',
      });
      await efterForfallnaTimrar(A.A1);
      await aktualisera(A.A1);
      await kontaktaHyresvarden(A.A1);
      await completeWhenOpen('vera', A.A1, 'KontaktaHyresgasten', { kontaktsatt: 'telefon', kontaktEtablerad: true });
      await completeWhenOpen('vera', A.A1, 'PaminnelseForhandsbedomning', {
        sarskildaSkal: 'Hyresgästen var svår att nå; inväntar återvinningsfristen.',
      });
      await avslutaAktualiseringen(A.A1);
    })(),
    // A2: the committee commits to pay, in time; two failed attempts, then the attempts end, no special reasons
    (async () => {
      // the notice had no landlord address: the decision form asks for it with the åtagande
      await submitFormAsTasklist('eva', await waitForTask(A.A2, 'BeslutaOmAtagande'), {
        ansvarigHandlaggare: 'Eva Ekonom',
        atervinningsbeslut: 'ataga-betalningsansvar',
        atervinningMotivering: 'Barnfri hushåll, stabil inkomst från nästa månad.',
        hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '411 06', ort: 'Göteborg' },
      });
      await brevFinns(A.A2, 'atagande-betalningsansvar');
      await markeraSkickade(A.A2, 'atagande-betalningsansvar');
      await efterForfallnaTimrar(A.A2);
      await aktualisera(A.A2);
      await kontaktaHyresvarden(A.A2);
      await completeWhenOpen('vera', A.A2, 'KontaktaHyresgasten', { kontaktsatt: 'telefon', kontaktEtablerad: false });
      await completeWhenOpen('vera', A.A2, 'KontaktaHyresgasten', { kontaktsatt: 'sms', kontaktEtablerad: false });
      await completeWhenOpen('vera', A.A2, 'OvervagOanmaltHembesok', {
        oanmaltHembesokBeslut: 'avsluta-kontaktforsok',
        lamplighetsbedomning: 'Ett oanmält besök är inte motiverat i detta fall.',
      });
      await avslutaAktualiseringen(A.A2);
    })(),
    // A3: the återvinningsfrist runs out (its timer, through the job API); someone removes the recorded ground of the landlord contact
    (async () => {
      await waitForTask(A.A3, 'BeslutaOmAtagande');
      await fireTimer(A.A3, 'AtervinningsfristenUte');
      await eventually('UtanAtervinning', async () => ((await activitiesRun(A.A3)).includes('UtanAtervinning') ? true : undefined));
      await efterForfallnaTimrar(A.A3);
      await aktualisera(A.A3);
      await waitForTask(A.A3, 'KontaktaHyresvarden');
      const ku = (await instancesOf(A.A3)).find((i) => i.definitionId.startsWith('kontakt-och-utredning:'))!;
      // as an administrator could in Cockpit: the contact then rests on nothing recorded
      await engineAsAdmin().delete(`/process-instance/${ku.id}/variables/kontaktgrundHyresvard`);
    })(),
    // A4: children named by the reporter; consent to contact the landlord; the child assessment decided after 14 days
    (async () => {
      await efterForfallnaTimrar(A.A4);
      await aktualisera(A.A4, { aktualiseringstyp: 'underrattelse-storningar' });
      await completeWhenOpen('vera', A.A4, 'InhamtaSamtycke', {
        samtyckeLamnat: true,
        samtyckeForm: 'skriftligt',
        samtyckeLamnatDatum: ms(nu()),
        samtyckeAnteckning: 'Blankett i Treserva',
      });
      await waitForTask(A.A4, 'KontaktaHyresvarden');
      await bedomBarnutredning(A.A4);
    })(),
    // K1: confirmed to Kronofogden, a month late
    (async () => {
      await bekrafta(A.K1);
      await brevFinns(A.K1, 'bekraftelse-kronofogden');
      await markeraSkickade(A.K1, 'bekraftelse-kronofogden');
    })(),
    // K2: never confirmed; a family: barn och unga attends the eviction; the child assessment not decided (yet)
    (async () => {
      await waitForTask(A.K2, 'BedomBarnutredning');
      await fireTimer(A.K2, 'AvhysningsdagenNarmar');
      await completeWhenOpen('vera', A.K2, 'NarvaraVidAvhysning', { narvarade: true });
      await completeWhenOpen('bosse', A.K2, 'NarvaraBarnOchUnga', { narvaradeBarnOchUnga: true });
      await eventually('the eviction carried out', () => historicVariable<string>(A.K2, 'avhysningUtfall'));
    })(),
    // K3: confirmed late; a family: barn och unga does not attend, with a reason agreed with Kronofogden; assessment decided
    (async () => {
      await bekrafta(A.K3);
      await brevFinns(A.K3, 'bekraftelse-kronofogden');
      await markeraSkickade(A.K3, 'bekraftelse-kronofogden');
      await bedomBarnutredning(A.K3);
      await fireTimer(A.K3, 'AvhysningsdagenNarmar');
      await completeWhenOpen('vera', A.K3, 'NarvaraVidAvhysning', { narvarade: true });
      await completeWhenOpen('bosse', A.K3, 'NarvaraBarnOchUnga', {
        narvaradeBarnOchUnga: false,
        ejNarvaroSkalBarnOchUnga: 'Barnet var hos sin pappa den dagen.',
        ejNarvaroAvstamdMedKronofogdenBarnOchUnga: true,
      });
      await eventually('the eviction carried out', () => historicVariable<string>(A.K3, 'avhysningUtfall'));
    })(),
    // B1: a family reached at an announced home visit on day 9; the child assessment decided in time
    (async () => {
      await aktualisera(B1, { aktualiseringstyp: 'underrattelse-storningar' });
      await kontaktaHyresvarden(B1);
      await completeWhenOpen('vera', B1, 'KontaktaHyresgasten', {
        kontaktsatt: 'aviserat-hembesok',
        hembesokTid: nu().plus({ days: 1 }).toISO()!,
      });
      await completeWhenOpen('vera', B1, 'GenomforAviseratHembesok', {
        kontaktEtablerad: true,
        samtyckeTillTrade: true,
        barnOchUngaDeltog: true,
      });
      await avslutaAktualiseringen(B1);
      await bedomBarnutredning(B1);
      // the registry sent the information letter and the home-visit letter
      await brevFinns(B1, 'informationsbrev');
      await brevFinns(B1, 'hembesok');
      await markeraSkickade(B1);
    })(),
  ]);
}, 300_000);

const fraga = (fran: DateTime, till: DateTime, extra = '') => `/api/revision/efterlevnad?fran=${ms(fran)}&till=${ms(till)}${extra}`;
async function rapport(fran: DateTime, till: DateTime, extra = ''): Promise<Efterlevnadsrapport> {
  const r = await ui('GET', fraga(fran, till, extra), { user: 'rut' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Efterlevnadsrapport;
}
/** A measure as rows → [count, case numbers], and its key figures. */
function tabell(r: Efterlevnadsrapport, id: string) {
  const m = r.matt.find((x) => x.id === id) as Matt;
  return {
    m,
    rader: Object.fromEntries(m.rader.map((x) => [x.id, [x.antal, x.arenden]])),
    nyckeltal: Object.fromEntries(m.nyckeltal.map((n) => [n.id, n.varde])),
    avvikelser: m.rader.filter((x) => x.avvikelse).map((x) => x.id),
  };
}
const sorted = (...nr: string[]) => [...nr].sort();

describe('period A: a month back, every process', () => {
  let r: Efterlevnadsrapport;
  beforeAll(async () => {
    r = await rapport(DAG_A1, DAG_A2);
  });

  it('holds exactly the seven cases received in the period', () => {
    expect(r.antalArenden).toBe(7);
    expect(Object.keys(r.arenden).sort()).toEqual(sorted(...Object.values(A)));
    expect(r.arenden[A.A1]).toEqual({ mottagen: ms(DAG_A1), process: 'hot-om-avhysning' });
  });

  it('Kronofogden: none confirmed the same day; the late and the missing confirmation are listed and flagged', () => {
    const t = tabell(r, 'bekraftelse-kronofogden');
    expect(t.rader).toEqual({
      'samma-dag': [0, []],
      senare: [2, sorted(A.K1, A.K3)],
      'ej-skickad': [0, []],
      'ej-bekraftad': [1, [A.K2]],
      pagar: [0, []],
    });
    expect(t.nyckeltal).toEqual({ 'andel-samma-dag': 0 });
    expect(t.avvikelser).toEqual(['senare', 'ej-bekraftad']);
  });

  it('återvinningsfrist: rent paid, åtagande in time, deadline passed; no åtagande letter after the deadline', () => {
    const t = tabell(r, 'atervinningsfrist');
    expect(t.m.population).toBe(3);
    expect(t.rader).toEqual({
      'hyran-betald': [1, [A.A1]],
      'atagande-i-tid': [1, [A.A2]],
      'atagande-efter-frist': [0, []],
      'atagande-ej-skickat': [0, []],
      'inget-atagande': [0, []],
      'fristen-lopte-ut': [1, [A.A3]],
      pagar: [0, []],
      'frist-saknas': [0, []],
    });
    expect(t.avvikelser).toEqual([]);
  });

  it('förhandsbedömning: two ended (33 and 30 days), median 31.5, p90 33; over four weeks with and without special reasons', () => {
    const t = tabell(r, 'forhandsbedomning');
    expect(t.rader).toEqual({
      'inom-4-veckor': [0, []],
      'over-4-veckor-med-skal': [1, [A.A1]],
      'over-4-veckor-utan-skal': [6, sorted(A.A2, A.A3, A.A4, A.K1, A.K2, A.K3)],
      pagar: [0, []],
      'avslutat-utan-beslut': [0, []],
    });
    expect(t.m.dagar).toEqual({ [A.A1]: 33, [A.A2]: 30 });
    expect(t.nyckeltal).toEqual({ avslutade: 2, median: 31.5, p90: 33 });
    expect(t.avvikelser).toEqual(['over-4-veckor-utan-skal']);
  });

  it('children: barn och unga involved in all three families, attendance at both evictions recorded, each assessment measured from when the children became known', () => {
    const involverade = tabell(r, 'barn-och-unga-involverade');
    expect(involverade.rader).toEqual({ involverade: [3, sorted(A.A4, A.K2, A.K3)], 'ej-involverade': [0, []] });
    expect(involverade.nyckeltal).toEqual({ 'andel-involverade': 100 });
    expect(involverade.avvikelser).toEqual([]);

    expect(tabell(r, 'narvaro-barnfamiljer').rader).toEqual({
      narvarade: [1, [A.K2]],
      'ej-narvaro-med-skal': [1, [A.K3]],
      'ingen-registrering': [0, []],
    });

    // The child's 14 days run from when social services learned of the child (20 kap. 2 § SoL 2025:400):
    // A4's reporter named the child, so from the notice's reception a month ago — decided late. K2's and
    // K3's children were found by folkbokföringen when their notices were registered, today: K3 decided
    // in time, K2 still within its 14 days.
    const utredning = tabell(r, 'barnutredning-14-dagar');
    expect(utredning.rader).toEqual({
      'i-tid': [1, [A.K3]],
      'for-sent': [1, [A.A4]],
      'ej-beslutad-fristen-passerad': [0, []],
      pagar: [1, [A.K2]],
    });
    expect(utredning.avvikelser).toEqual(['for-sent']);
  });

  it('contacts: three landlord contacts on a recorded ground (two reports, one consent), one without; nothing disclosed', () => {
    const t = tabell(r, 'kontakter-utan-grund');
    expect(t.m.population).toBe(4);
    expect(t.rader).toEqual({
      'kontakt-hyresvard-med-grund': [3, sorted(A.A1, A.A2, A.A4)],
      'kontakt-hyresvard-utan-grund': [1, [A.A3]],
      'information-hyresvard-med-grund': [0, []],
      'information-hyresvard-utan-grund': [0, []],
      'kontakt-annan-forvaltning-med-grund': [0, []],
      'kontakt-annan-forvaltning-utan-grund': [0, []],
    });
    expect(t.nyckeltal).toEqual({ 'utan-grund': 1 });
    expect(t.avvikelser).toEqual(['kontakt-hyresvard-utan-grund']);
  });

  it('first personal contact: one tenant reached (day 33), one whose förhandsbedömning ended without contact, five not yet', () => {
    const t = tabell(r, 'forsta-kontakt');
    expect(t.rader).toEqual({
      kontakt: [1, [A.A1]],
      'ingen-kontakt': [1, [A.A2]],
      'ingen-kontakt-an': [5, sorted(A.A3, A.A4, A.K1, A.K2, A.K3)],
    });
    expect(t.m.dagar).toEqual({ [A.A1]: 33 });
    expect(t.nyckeltal).toEqual({ median: 33, p90: 33 });
  });

  it("one process: only hot om avhysning's cases and the measures that concern it", async () => {
    const hot = await rapport(DAG_A1, DAG_A2, '&process=hot-om-avhysning');
    expect(hot.antalArenden).toBe(4);
    expect(hot.matt.map((m) => m.id)).not.toContain('bekraftelse-kronofogden');
    expect(tabell(hot, 'forhandsbedomning').rader['over-4-veckor-utan-skal']).toEqual([3, sorted(A.A2, A.A3, A.A4)]);
    expect(tabell(hot, 'barn-och-unga-involverade').rader.involverade).toEqual([1, [A.A4]]);
  });
});

describe('period B: nine days back', () => {
  it('a family reached at a home visit on day 9, the förhandsbedömning ended within four weeks, the child assessment in time', async () => {
    const r = await rapport(DAG_B, DAG_B);
    expect(r.antalArenden).toBe(1);
    // every letter the case got is marked sent: no letter is written but unsent
    expect(tabell(r, 'brev-ej-skickade').rader['ej-skickade']).toEqual([0, []]);
    const fb = tabell(r, 'forhandsbedomning');
    expect(fb.rader['inom-4-veckor']).toEqual([1, [B1]]);
    expect(fb.nyckeltal).toEqual({ avslutade: 1, median: 9, p90: 9 });
    const kontakt = tabell(r, 'forsta-kontakt');
    expect(kontakt.rader.kontakt).toEqual([1, [B1]]);
    expect(kontakt.m.dagar).toEqual({ [B1]: 9 });
    expect(tabell(r, 'barnutredning-14-dagar').rader['i-tid']).toEqual([1, [B1]]);
    expect(tabell(r, 'barn-och-unga-involverade').rader.involverade).toEqual([1, [B1]]);
    expect(tabell(r, 'kontakter-utan-grund').rader['kontakt-hyresvard-med-grund']).toEqual([1, [B1]]);
    // no Kronofogden case: no share to give
    expect(tabell(r, 'bekraftelse-kronofogden').nyckeltal).toEqual({ 'andel-samma-dag': null });
    expect(r.matt.every((m) => m.rader.every((x) => !x.avvikelse) && m.nyckeltal.every((n) => !n.avvikelse))).toBe(true);
  });
});

describe('today: a notice confirmed the same Swedish day', () => {
  it('lists the case under "same day" (other files register cases today too, so only its place is asserted)', async () => {
    K0 = await registreraKronofogden({ ...INGRID, mottagen: nu().startOf('second').toISO({ suppressMilliseconds: true })! });
    await completeWhenOpen('stina', K0, 'BekraftaTillKronofogden', { ansvarigHandlaggare: 'Vera Vuxenenheten' });
    await brevFinns(K0, 'bekraftelse-kronofogden');
    await markeraSkickade(K0, 'bekraftelse-kronofogden');
    const t = tabell(await rapport(nu(), nu(), '&process=kronofogden-avhysning'), 'bekraftelse-kronofogden');
    expect(t.m.rader.filter((x) => x.arenden.includes(K0)).map((x) => x.id)).toEqual(['samma-dag']);
  });
});

describe('access and input', () => {
  it('anonymous 401, caseworker and process owner 403, revisor 200', async () => {
    const url = fraga(DAG_B, DAG_B);
    expect((await ui('GET', url)).status).toBe(401);
    expect((await ui('GET', url, { user: 'vera' })).status).toBe(403);
    expect((await ui('GET', url, { user: 'petra' })).status).toBe(403);
    expect((await ui('GET', url, { user: 'rut' })).status).toBe(200);
  });

  it('400 with the fields that are wrong', async () => {
    const fel = async (q: string) => {
      const r = await ui('GET', `/api/revision/efterlevnad${q}`, { user: 'rut' });
      expect(r.status).toBe(400);
      expect(r.type).toContain('application/problem+json');
      return (r.body.falt as { falt: string }[]).map((f) => f.falt).sort();
    };
    expect(await fel('')).toEqual(['fran', 'till']);
    expect(await fel('?fran=2026-02-30&till=2026-03-01')).toEqual(['fran']);
    expect(await fel('?fran=2026-03-01&till=2026-02-01')).toEqual(['till']);
    expect(await fel('?fran=2026-03-01&till=2026-03-31&process=okand')).toEqual(['process']);
    expect(await fel('?fran=2026-03-01&till=2026-03-31&format=csv&tabell=okand')).toEqual(['tabell']);
  });
});

describe('CSV export', () => {
  const hamta = async (q: string) => {
    const res = await fetch(`${stack().uiUrl}${fraga(DAG_A1, DAG_A2, q)}`, { headers: basic('rut') });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  it('the cases behind one number: UTF-8 with BOM, semicolons, the case numbers', async () => {
    const { res, bytes } = await hamta('&format=csv&tabell=kontakter-utan-grund&lista=kontakt-hyresvard-utan-grund');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(
      'attachment; filename="efterlevnad_kontakter-utan-grund_kontakt-hyresvard-utan-grund_',
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rader = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).trimEnd().split('\r\n');
    expect(rader).toEqual(['Ärendenummer;Mottagen;Utfall', `${A.A3};${ms(DAG_A2)};Kontakt med hyresvärden: utan registrerad grund`]);
  });

  it("a measure's table, with Swedish decimals", async () => {
    const { bytes } = await hamta('&format=csv&tabell=forhandsbedomning');
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('Över fyra veckor, inga särskilda skäl registrerade;6;85,7;Ja\r\n');
    expect(text).toContain('Median (dagar);31,5;;\r\n');
  });
});

describe('pages', () => {
  it('/revision shows the numbers as tables, flags deviations in words, and links each number to its case numbers', async () => {
    const r = await ui('GET', `/revision?fran=${ms(DAG_A1)}&till=${ms(DAG_A2)}`, { user: 'rut', headers: { Accept: 'text/html' } });
    expect(r.status).toBe(200);
    const html = r.body as string;
    expect(html).toContain('<caption>Bekräftelse till Kronofogden samma dag: 3 ärenden</caption>');
    expect(html).toContain('<th scope="row">Inte bekräftad, och dagen har passerat <span class="hjalp">(ska vara 0)</span></th>');
    expect(html).toContain(
      `href="/revision/efterlevnad/bekraftelse-kronofogden?fran=${ms(DAG_A1)}&amp;till=${ms(DAG_A2)}&amp;rad=ej-bekraftad"`,
    );
    expect(html).toContain('Avvikelse</strong>');
    expect(html).toContain('aria-current="page"');
    // numbers, never names or personnummer
    for (const namn of ['Almgren', 'Fjällström', '198102034116', '199002149160']) expect(html).not.toContain(namn);
  });

  it("the list behind a number links each case number to the auditor's case page", async () => {
    const r = await ui('GET', `/revision/efterlevnad/bekraftelse-kronofogden?fran=${ms(DAG_A1)}&till=${ms(DAG_A2)}&rad=ej-bekraftad`, {
      user: 'rut',
      headers: { Accept: 'text/html' },
    });
    expect(r.status).toBe(200);
    const nummer = [...(r.body as string).matchAll(/href="\/revision\/arenden\/([^"]+)"/g)].map((m) => m[1]);
    expect(nummer).toEqual([A.K2]);
  });

  it('a caseworker is refused the page', async () => {
    expect(
      (await ui('GET', `/revision?fran=${ms(DAG_B)}&till=${ms(DAG_B)}`, { user: 'vera', headers: { Accept: 'text/html' } })).status,
    ).toBe(403);
  });
});
