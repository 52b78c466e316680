import knex, { type Knex } from 'knex';
import { DateTime } from 'luxon';
import { retryOnConcurrentModification } from '../../engine-rest/concurrency.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vardagarFran } from '../../frister/index.ts';
import { engineAsAdmin, eventually, stack, uniqueCaseNumber } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import {
  activitiesRun,
  candidateGroups,
  complete,
  completeWhenOpen,
  consentQuestion,
  expectNoIncidents,
  fireTimer,
  historicVariable,
  openTasks,
  startByMessage,
  timerJobs,
  variable,
  variables,
  waitForTask,
  type Value,
} from './support/scenario.ts';

/**
 * Checklist 1, "hot om avhysning", on the real engine with the real workers.
 * The people are synthetic and come from fixture extracts
 * (fixtures/scenarier-folkbokforing.csv, fixtures/scenarier-aktuella.csv):
 *  - Bertil Ödman, Björkvägen 2: alone, known to ekonomiskt bistånd;
 *  - Amira Lindqvist, Storgatan 1: with her son Noah (8);
 *  - Cecilia Åberg: registered at Annangatan 9, reported at Lärkgatan 3; known to funktionsstöd;
 *  - 196001011235: not in the register.
 */
const MESSAGE = 'underrattelse-hot-om-avhysning';
let db: Knex;

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await importScenarioPeople(stack().databaseUrl);
});
afterAll(async () => {
  await db.destroy();
});

const today = () => DateTime.now().setZone('Europe/Stockholm');
const BERTIL = {
  hyresgast: { personnummer: '197001011233', namn: 'Bertil Ödman' },
  adress: { gatuadress: 'Björkvägen 2', postnummer: '41502', ort: 'Göteborg', lagenhetsnummer: '1002' },
};
const AMIRA = {
  hyresgast: { personnummer: '198503121231', namn: 'Amira Lindqvist' },
  adress: { gatuadress: 'Storgatan 1', postnummer: '41101', ort: 'Göteborg', lagenhetsnummer: '1101' },
};
const CECILIA = {
  hyresgast: { personnummer: '199206151236', namn: 'Cecilia Åberg' },
  adress: { gatuadress: 'Lärkgatan 3', postnummer: '41664', ort: 'Göteborg' },
};

function underrattelse(over: Record<string, Value> = {}): Record<string, Value> {
  const notice: Record<string, Value> = {
    kalla: 'hyresvard',
    orsak: 'obetald-hyra',
    mottagen: today().toISO()!,
    ...BERTIL,
    hyresvard: { namn: 'Bostadsbolaget AB', kontaktperson: 'Lena Lund', telefon: '031-100 00 00', epost: 'lena@bostadsbolaget.se' },
    hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' },
    delgivningsdatum: today().toISODate()!,
    hyresskuld: 18500,
    barnEnligtAnmalan: false,
    ...over,
  };
  // as the intake does: the tenant's personnummer as a plain variable, so a later Kronofogden case can find this one
  return { ...notice, hyresgastPersonnummer: (notice.hyresgast as { personnummer: string }).personnummer };
}

async function startCase(over: Record<string, Value> = {}): Promise<{ arende: string; instance: string }> {
  const arende = uniqueCaseNumber('BV');
  const instance = await startByMessage(MESSAGE, arende, underrattelse(over));
  return { arende, instance };
}

async function aktualisera(arende: string, over: Record<string, Value> = {}) {
  return completeWhenOpen('vera', arende, 'Aktualisera', {
    treservaReferens: 'TRE-2026/123',
    ansvarigHandlaggare: 'Vera Vuxenenheten',
    ansvarigHandlaggareTelefon: '031-365 00 00',
    aktualiseringstyp: 'underrattelse-obetald-hyra',
    barnEnligtHandlaggare: false,
    ...over,
  });
}

async function lettersOf(arende: string) {
  return db('brev').where({ arendenummer: arende }).select('typ', 'mottagare', 'kanal', 'sha256').orderBy('skapad');
}

const hasTask = async (arende: string, key: string) => (await openTasks(arende)).some((t) => t.taskDefinitionKey === key);

describe('1–3: intake, folkbokföring and the already-known check', () => {
  it('starts by message under the case number, computes the deadlines and hands the case to vuxenenheten', async () => {
    // given / when
    const { arende } = await startCase();
    const aktualisering = await waitForTask(arende, 'Aktualisera');

    // then: the case runs under its number, with the deadlines from the calendar
    expect(await candidateGroups(aktualisering.id)).toEqual(['vuxenenheten']);
    const paminnelse = await historicVariable<string>(arende, 'forhandsbedomningPaminnelseForfaller');
    expect(new Date(aktualisering.due!).getTime()).toBe(new Date(paminnelse!).getTime());
    expect(await historicVariable<string>(arende, 'atervinningsfristSenast')).toMatch(/T00:00:00\+0[12]:00$/);
    expect(await historicVariable<boolean>(arende, 'folkbokfordPaAdressen')).toBe(true);
    // and, known to ekonomiskt bistånd, the units are consulted (intern samordning)
    const samrad = await waitForTask(arende, 'SamradMedEnheterna');
    expect(await candidateGroups(samrad.id)).toEqual(['vuxenenheten']);
    // and the återvinning decision is ekonomiskt bistånd's, due two working days (the setting) before the period's last day
    const atagande = await waitForTask(arende, 'BeslutaOmAtagande');
    expect(await candidateGroups(atagande.id)).toEqual(['ekonomiskt-bistand']);
    const underlag = await historicVariable<Record<string, { sistaDag: string }>>(arende, 'fristunderlag');
    const beslutsdag = vardagarFran(underlag!.atervinningsfrist!.sistaDag, -2);
    expect(DateTime.fromISO(atagande.due!).setZone('Europe/Stockholm').toISODate()).toBe(beslutsdag);
    expect(new Date(atagande.due!).getTime()).toBe(
      new Date((await historicVariable<string>(arende, 'atagandeBeslutForfaller'))!).getTime(),
    );
    expect(new Date(atagande.due!).getTime()).toBeLessThan(
      new Date((await historicVariable<string>(arende, 'atervinningsfristForfaller'))!).getTime(),
    );
    await expectNoIncidents(arende);
  });

  it('asks to consider notifying Skatteverket when the tenant is not registered at the address', async () => {
    const { arende } = await startCase({ ...CECILIA, kalla: 'anhorig', orsak: 'storningar', delgivningsdatum: null });
    const task = await waitForTask(arende, 'OvervagSkatteverket');
    expect(task.name).toBe('Överväg underrättelse till Skatteverket');
    expect(await historicVariable<boolean>(arende, 'folkbokfordPaAdressen')).toBe(false);
    // known to another administration (funktionsstöd): recorded, but no contact without consent
    await expect.poll(() => historicVariable<boolean>(arende, 'aktuellIAnnanForvaltning')).toBe(true);
    expect(await hasTask(arende, 'SamradMedEnheterna')).toBe(false);
    // no unpaid rent served: no återvinning decision
    await waitForTask(arende, 'Aktualisera');
    expect(await hasTask(arende, 'BeslutaOmAtagande')).toBe(false);
  });

  it('routes a person missing from the register to a check of the particulars, then continues', async () => {
    const { arende } = await startCase({ hyresgast: { personnummer: '196001011235', namn: 'Dan Saknad' } });
    await completeWhenOpen('vera', arende, 'KontrolleraUppgifterna', { uppgifterKontrollerade: true, anteckning: null });
    await waitForTask(arende, 'Aktualisera');
    expect(await activitiesRun(arende)).toContain('PersonSaknas');
  });
});

describe('4: aktualisering and the förhandsbedömning clock', () => {
  it('reminds at two weeks and escalates at four weeks to the coordinators', async () => {
    const { arende } = await startCase();
    await aktualisera(arende);
    expect(await historicVariable<string>(arende, 'treservaReferens')).toBe('TRE-2026/123');

    // when: two weeks pass
    await fireTimer(arende, 'TvaVeckor');
    const paminnelse = await waitForTask(arende, 'PaminnelseForhandsbedomning');
    await complete('vera', paminnelse, { sarskildaSkal: '' });

    // and four weeks pass without special reasons
    await fireTimer(arende, 'FyraVeckor');
    const eskalering = await waitForTask(arende, 'EskaleraForhandsbedomning');
    expect(await candidateGroups(eskalering.id)).toEqual(['samordnare']);
  });

  it('does not escalate when special reasons are recorded', async () => {
    const { arende } = await startCase();
    await aktualisera(arende);
    await fireTimer(arende, 'TvaVeckor');
    await completeWhenOpen('vera', arende, 'PaminnelseForhandsbedomning', {
      sarskildaSkal: 'Väntar in återvinningsfristen; motiverande kontakter pågår.',
    });
    await fireTimer(arende, 'FyraVeckor');
    await expect.poll(() => activitiesRun(arende)).toContain('SarskildaSkalFinns');
    expect(await hasTask(arende, 'EskaleraForhandsbedomning')).toBe(false);
  });
});

describe('5: contact with the landlord and consent', () => {
  it('contacts the landlord without consent when the landlord reported, and records that basis', async () => {
    const { arende } = await startCase({ kalla: 'hyresvard' });
    await aktualisera(arende);
    await waitForTask(arende, 'KontaktaHyresvarden');
    expect(await historicVariable<string>(arende, 'kontaktgrundHyresvard')).toBe('hyresvarden-underrattade');
    expect(await hasTask(arende, 'InhamtaSamtycke')).toBe(false);
  });

  it('asks for consent first when a relative reported, and rests the contact on the consent record', async () => {
    // Gustav Grund: the consent registered here must not answer other tests' checks
    const { arende } = await startCase({
      hyresgast: { personnummer: '197505057898', namn: 'Gustav Grund' },
      adress: { gatuadress: 'Grundgatan 7', postnummer: '41460', ort: 'Göteborg', lagenhetsnummer: '1001' },
      kalla: 'anhorig',
      orsak: 'annat',
      delgivningsdatum: null,
    });
    await aktualisera(arende);

    // when: the tenant consents in writing
    await completeWhenOpen('vera', arende, 'InhamtaSamtycke', {
      samtyckeLamnat: true,
      samtyckeForm: 'skriftligt',
      samtyckeLamnatDatum: today().toISODate()!,
      samtyckeAnteckning: 'Blankett i Treserva',
    });

    // then: the consent is registered, and the contact rests on it
    await waitForTask(arende, 'KontaktaHyresvarden');
    const grund = await historicVariable<string>(arende, 'kontaktgrundHyresvard');
    const [samtycke] = await db('samtycken').where({ arendenummer: arende }).select('id', 'dokumenterat_av');
    expect(grund).toBe(`samtycke:${samtycke.id}`);
    expect(samtycke.dokumenterat_av).toBe('vera');
  });

  it('does not contact the landlord when consent is refused', async () => {
    // Cecilia has given no consent in any earlier test
    const { arende } = await startCase({ ...CECILIA, kalla: 'privatperson', orsak: 'annat', delgivningsdatum: null });
    await aktualisera(arende);
    // (Cecilia is known to funktionsstöd too: that samråd has a consent question of its own, step 3)
    await complete('vera', await consentQuestion(arende, 'hyresvard'), { samtyckeLamnat: false, samtyckeAnteckning: 'Vill inte' });
    await expect.poll(() => activitiesRun(arende)).toContain('SamtyckeSaknas');
    await waitForTask(arende, 'KontaktaHyresgasten');
    expect(await hasTask(arende, 'KontaktaHyresvarden')).toBe(false);
    expect(await activitiesRun(arende)).not.toContain('KontaktaHyresvarden');
  });
});

describe('6: contact with the tenant', () => {
  it('sends the information letter, and offers an unannounced visit only after two failed attempts', async () => {
    const { arende } = await startCase();
    await aktualisera(arende);
    await expect.poll(async () => (await lettersOf(arende)).map((b) => b.typ)).toContain('informationsbrev');

    // first failed attempt: another attempt, no unannounced visit yet
    await completeWhenOpen('vera', arende, 'KontaktaHyresgasten', { kontaktsatt: 'telefon', kontaktEtablerad: false });
    await expect.poll(async () => (await openTasks(arende)).filter((t) => t.taskDefinitionKey === 'KontaktaHyresgasten').length).toBe(1);
    expect(await hasTask(arende, 'OvervagOanmaltHembesok')).toBe(false);

    // an announced home visit sends the home-visit letter first; nobody opens
    await completeWhenOpen('vera', arende, 'KontaktaHyresgasten', {
      kontaktsatt: 'aviserat-hembesok',
      hembesokTid: today().plus({ days: 3 }).toISO()!,
    });
    await expect.poll(async () => (await lettersOf(arende)).map((b) => b.typ)).toContain('hembesok');
    await completeWhenOpen('vera', arende, 'GenomforAviseratHembesok', {
      kontaktEtablerad: false,
      samtyckeTillTrade: false,
      barnOchUngaDeltog: false,
    });

    // after two failed attempts the unannounced visit may be considered
    const overvag = await waitForTask(arende, 'OvervagOanmaltHembesok');
    await complete('vera', overvag, {
      oanmaltHembesokBeslut: 'genomfor',
      lamplighetsbedomning: 'Två försök utan svar; barnfri hushåll, kort besök för att lämna information.',
    });
    await completeWhenOpen('vera', arende, 'GenomforOanmaltHembesok', {
      kontaktEtablerad: true,
      samtyckeTillTrade: true,
      barnOchUngaDeltog: false,
    });
    await expectNoIncidents(arende);
  });
});

async function kontakterKlara(arende: string) {
  await aktualisera(arende);
  await completeWhenOpen('vera', arende, 'KontaktaHyresvarden', {
    hyresskuldReglerad: 'nej',
    oroForBarn: false,
    barnEnligtHyresvard: false,
  });
  await completeWhenOpen('vera', arende, 'KontaktaHyresgasten', { kontaktsatt: 'telefon', kontaktEtablerad: true });
}

describe('7–8: investigation, support and consent for other administrations', () => {
  it('closes the aktualisering with a reason when the adult does not want an investigation', async () => {
    const { arende } = await startCase();
    await kontakterKlara(arende);
    await completeWhenOpen('vera', arende, 'BeslutaOmUtredning', {
      utredningsbeslut: 'avsluta-aktualisering',
      utredningsbeslutMotivering: 'Hyresgästen vill inte ha kontakt; hyran betald.',
    });
    await waitForTask(arende, 'BedomUppfoljning');
    expect(await activitiesRun(arende)).toContain('AktualiseringAvslutad');
    expect(await activitiesRun(arende)).not.toContain('UpprattaHandlingsplan');
  });

  it('tries ekonomiskt bistånd and refers to another administration only with consent', async () => {
    const { arende } = await startCase();
    await kontakterKlara(arende);
    await completeWhenOpen('vera', arende, 'BeslutaOmUtredning', {
      utredningsbeslut: 'inleda-utredning',
      utredningsbeslutMotivering: 'Ansökan om stöd.',
    });
    await completeWhenOpen('vera', arende, 'UpprattaHandlingsplan', {
      insatsEkonomisktBistand: true,
      insatsAnnanForvaltning: true,
      annanForvaltning: 'funktionsstod',
      handlingsplan: 'Bistånd till skulden, boendestöd.',
    });
    expect(await candidateGroups((await waitForTask(arende, 'ProvaEkonomisktBistand')).id)).toEqual(['ekonomiskt-bistand']);
    // the referral waits for consent to contact funktionsstöd (and the landlord's information for consent of its own, step 8)
    await expect
      .poll(async () =>
        Promise.all(
          (await openTasks(arende))
            .filter((t) => t.taskDefinitionKey === 'InhamtaSamtycke')
            .map((t) => variable<string>(t.processInstanceId, 'samtyckeMottagare')),
        ).then((m) => m.sort()),
      )
      .toEqual(['annan-forvaltning:funktionsstod', 'hyresvard']);
    expect(await hasTask(arende, 'BistaAnsokanAnnanForvaltning')).toBe(false);
  });
});

describe('8: the återvinningsfrist', () => {
  it('sends the åtagande to the landlord by registered letter within the period', async () => {
    const { arende } = await startCase();
    await completeWhenOpen('eva', arende, 'BeslutaOmAtagande', {
      ansvarigHandlaggare: 'Eva Ekonomiskt bistånd',
      atervinningsbeslut: 'ataga-betalningsansvar',
      atervinningMotivering: 'Beviljat bistånd.',
    });
    await expect
      .poll(() => lettersOf(arende))
      .toContainEqual(expect.objectContaining({ typ: 'atagande-betalningsansvar', mottagare: 'hyresvard', kanal: 'rekommenderat' }));
  });

  it('recomputes the period from a corrected notice and moves its timer', async () => {
    // given: the landlord's first notice (received today) was defective
    const { arende } = await startCase({ delgivningsdatum: today().minus({ days: 2 }).toISODate()! });
    const forsta = await waitForTask(arende, 'BeslutaOmAtagande');
    const [forstaTimer] = await timerJobs(arende, 'AtervinningsfristenUte');

    // when: the corrected notice arrives a week later
    const rattad = today().plus({ days: 7 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    // A worker may change the instance at that moment: the engine then refuses and nothing changes.
    await retryOnConcurrentModification(() =>
      engineAsAdmin().post('/message', {
        messageName: 'underrattelse-rattad',
        businessKey: arende,
        processVariables: variables({ rattadUnderrattelseMottagen: rattad.toISO()!, rattelseBrist: 'Fel belopp i meddelandet' }),
      }),
    );

    // then: the period runs three weeks from the corrected notice (moved to the next weekday if needed),
    // and the open decision is the same task with its due date moved (NarRattatMeddelande, dela-frister) …
    const andra = await eventually('the moved återvinning task', async () =>
      (await openTasks(arende)).filter((t) => t.taskDefinitionKey === 'BeslutaOmAtagande' && t.due !== forsta.due),
    );
    expect(andra.map((t) => t.id)).toEqual([forsta.id]);
    // … the timer moved with it, and the first notice stays in the grounds
    const [nyTimer] = await timerJobs(arende, 'AtervinningsfristenUte');
    const sistaDag = DateTime.fromISO(nyTimer!.dueDate!).setZone('Europe/Stockholm').minus({ days: 1 });
    expect(sistaDag.diff(rattad.startOf('day'), 'days').days).toBeGreaterThanOrEqual(21);
    // the decision is due two working days before it
    expect(DateTime.fromISO(andra[0]!.due!).setZone('Europe/Stockholm').toISODate()).toBe(vardagarFran(sistaDag.toISODate()!, -2));
    expect(new Date(nyTimer!.dueDate!).getTime()).toBeGreaterThan(new Date(forstaTimer!.dueDate!).getTime());
    const underlag = await historicVariable<Record<string, { grund: { handelse: string }[] }>>(arende, 'fristunderlag');
    expect(underlag?.atervinningsfrist?.grund.length).toBeGreaterThanOrEqual(3);
  });

  it('continues without återvinning when the period has passed', async () => {
    const { arende } = await startCase();
    await waitForTask(arende, 'BeslutaOmAtagande');
    await fireTimer(arende, 'AtervinningsfristenUte');
    await expect.poll(() => activitiesRun(arende)).toContain('UtanAtervinning');
    expect(await hasTask(arende, 'BeslutaOmAtagande')).toBe(false);
  });
});

describe('9: follow-up', () => {
  it('offers follow-up by letter and makes the follow-up contact when its time comes', async () => {
    const { arende } = await startCase();
    await kontakterKlara(arende);
    await completeWhenOpen('vera', arende, 'BeslutaOmUtredning', {
      utredningsbeslut: 'avsluta-aktualisering',
      utredningsbeslutMotivering: 'Hyran betald.',
    });
    await completeWhenOpen('vera', arende, 'BedomUppfoljning', {
      uppfoljningBehovs: true,
      uppfoljningSamtycke: true,
      uppfoljningMotivering: 'Upprepade sena betalningar.',
    });
    // Letters are PDFs: on two shared cores one may take seconds.
    await expect.poll(async () => (await lettersOf(arende)).map((b) => b.typ), { timeout: 20_000 }).toContain('erbjudande-uppfoljning');
    await fireTimer(arende, 'TidForUppfoljning');
    await completeWhenOpen('vera', arende, 'UppfoljandeKontakt', { uppfoljningGenomford: true });
    expect(await activitiesRun(arende)).toContain('UppfoljningGenomford');
  });
});

describe('a Kronofogden notice for the same tenant', () => {
  it("links the cases and gives this case's caseworker a task", async () => {
    // given: an open case for Erik Ek (no other test uses him)
    const erik = {
      hyresgast: { personnummer: '198811221236', namn: 'Erik Ek' },
      adress: { gatuadress: 'Ekvägen 4', postnummer: '41710', ort: 'Göteborg', lagenhetsnummer: '1003' },
    };
    const { arende } = await startCase({ ...erik, delgivningsdatum: null, orsak: 'storningar' });
    await waitForTask(arende, 'Aktualisera');

    // when: Kronofogden announces an eviction for him
    const kronofogdenArende = uniqueCaseNumber('BV-KFM');
    await startByMessage('kronofogden-meddelande', kronofogdenArende, {
      kalla: 'kronofogden',
      mottagen: today().toISO()!,
      malnummer: '12-345678-26',
      avhysningsdatum: today().plus({ days: 8 }).toISODate()!,
      ...erik,
      hyresgastPersonnummer: erik.hyresgast.personnummer,
      hyresvard: null,
      barnEnligtAnmalan: false,
    });

    // then: this case's caseworker is told, and the case knows the Kronofogden case
    const task = await waitForTask(arende, 'KronofogdenHarMeddelatAvhysning');
    expect(await candidateGroups(task.id)).toEqual(['vuxenenheten']);
    expect(await historicVariable<string>(arende, 'kronofogdenArende')).toBe(kronofogdenArende);
  });
});

describe('children come first', () => {
  it('involves barn och unga in parallel when folkbokföringen shows children, deciding within 14 days', async () => {
    const { arende } = await startCase({ ...AMIRA });
    const samtal = await waitForTask(arende, 'SamtalForaldrarOmBarnet');
    const bedomning = await waitForTask(arende, 'BedomBarnutredning');
    expect(await candidateGroups(samtal.id)).toEqual(['barn-och-unga']);
    expect(await candidateGroups(bedomning.id)).toEqual(['barn-och-unga']);
    const fjortonDagar = today().plus({ days: 14 }).toISODate();
    expect(DateTime.fromISO(bedomning.due!).setZone('Europe/Stockholm').toISODate()).toBe(fjortonDagar);
    // in parallel with vuxenenheten's work, and only once
    await waitForTask(arende, 'Aktualisera');
    expect((await openTasks(arende)).filter((t) => t.taskDefinitionKey === 'BedomBarnutredning')).toHaveLength(1);
  });

  it('involves barn och unga exactly once, however many variables change at a time', async () => {
    // given: the reporter names children, and the tenant is missing from the register
    const { arende } = await startCase({ hyresgast: { personnummer: '196001011235', namn: 'Dan Saknad' }, barnEnligtAnmalan: true });
    await waitForTask(arende, 'BedomBarnutredning');
    // when: more variables change (the check of the particulars, the aktualisering)
    await completeWhenOpen('vera', arende, 'KontrolleraUppgifterna', { uppgifterKontrollerade: true, anteckning: null });
    await aktualisera(arende, { barnEnligtHandlaggare: true });
    // then: one barn och unga involvement
    const involveringar = (await activitiesRun(arende)).filter((a) => a === 'InvolveraBarnOchUnga');
    expect(involveringar).toHaveLength(1);
    expect((await openTasks(arende)).filter((t) => t.taskDefinitionKey === 'BedomBarnutredning')).toHaveLength(1);
  });

  it('involves barn och unga when the landlord reports children not in folkbokföringen, and ensures an orosanmälan on concern', async () => {
    const { arende } = await startCase();
    await aktualisera(arende);
    expect(await hasTask(arende, 'BedomBarnutredning')).toBe(false);
    await completeWhenOpen('vera', arende, 'KontaktaHyresvarden', {
      hyresskuldReglerad: 'nej',
      barnEnligtHyresvard: true,
      oroForBarn: true,
    });
    await waitForTask(arende, 'BedomBarnutredning');
    await waitForTask(arende, 'SakerstallOrosanmalan');
  });
});

describe('a corrected notice while kontakt-och-utredning runs', () => {
  const calledInstance = async (instance: string) => {
    const [called] = await eventually('the called kontakt-och-utredning', () =>
      engineAsAdmin().get<{ id: string }[]>('/process-instance', {
        superProcessInstance: instance,
        processDefinitionKey: 'kontakt-och-utredning',
      }),
    );
    return called!.id;
  };
  const senastIn = async (instance: string) => ({
    variabel: await variable<string>(instance, 'atervinningsfristSenast'),
    underlag: (await variable<Record<string, { senast: string }>>(instance, 'fristunderlag')).atervinningsfrist?.senast,
  });
  const time = (iso: string | Date | null | undefined) => (iso ? new Date(iso).getTime() : null);

  it('gives the called instance, its later letters and the main instance after the call the corrected återvinningsfrist', async () => {
    // given: a case whose steps 4–8 run in kontakt-och-utredning, with the first notice's period
    const { arende, instance } = await startCase({ delgivningsdatum: today().minus({ days: 2 }).toISODate()! });
    const forsta = await waitForTask(arende, 'BeslutaOmAtagande');
    await waitForTask(arende, 'Aktualisera');
    const called = await calledInstance(instance);
    const forstaSenast = (await senastIn(instance)).variabel;
    expect((await senastIn(called)).underlag).toBe(forstaSenast);

    // when: the landlord's corrected notice arrives a week later
    const rattad = today().plus({ days: 7 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    // A worker may change the instance at that moment: the engine then refuses and nothing changes.
    await retryOnConcurrentModification(() =>
      engineAsAdmin().post('/message', {
        messageName: 'underrattelse-rattad',
        businessKey: arende,
        processVariables: variables({ rattadUnderrattelseMottagen: rattad.toISO()!, rattelseBrist: 'Fel belopp i meddelandet' }),
      }),
    );
    await eventually('the recomputed återvinning task', async () =>
      (await openTasks(arende)).filter((t) => t.taskDefinitionKey === 'BeslutaOmAtagande' && t.due !== forsta.due),
    );
    const rattadSenast = (await senastIn(instance)).variabel;
    expect(time(rattadSenast)).toBeGreaterThan(time(forstaSenast)!);

    // then: the running called instance learns the corrected deadline …
    await expect.poll(() => senastIn(called), { timeout: 30_000 }).toEqual({ variabel: rattadSenast, underlag: rattadSenast });

    // … a letter it writes afterwards states it …
    await aktualisera(arende);
    const [informationsbrev] = await eventually('the information letter', () =>
      db('brev').where({ arendenummer: arende, typ: 'informationsbrev' }).select('frist_senast', 'frist'),
    );
    expect(time(informationsbrev.frist_senast)).toBe(time(rattadSenast));

    // … and when the call ends, the main instance still holds the corrected deadline
    await completeWhenOpen('vera', arende, 'KontaktaHyresvarden', {
      hyresskuldReglerad: 'nej',
      oroForBarn: false,
      barnEnligtHyresvard: false,
    });
    await completeWhenOpen('vera', arende, 'KontaktaHyresgasten', { kontaktsatt: 'telefon', kontaktEtablerad: true });
    await completeWhenOpen('vera', arende, 'BeslutaOmUtredning', {
      utredningsbeslut: 'avsluta-aktualisering',
      utredningsbeslutMotivering: 'Hyran betald.',
    });
    await waitForTask(arende, 'BedomUppfoljning');
    expect(await senastIn(instance)).toEqual({ variabel: rattadSenast, underlag: rattadSenast });
    // what steps 4–8 recorded still reaches the main instance (the follow-up letter names the caseworker)
    expect(await variable<string>(instance, 'ansvarigHandlaggare')).toBe('Vera Vuxenenheten');

    // and the återvinningsfrist timer fires at the corrected time
    const [timer] = await timerJobs(arende, 'AtervinningsfristenUte');
    expect(time(timer!.dueDate)).toBe(time(rattadSenast));
    await fireTimer(arende, 'AtervinningsfristenUte');
    await expect.poll(() => activitiesRun(arende)).toContain('UtanAtervinning');
    await expectNoIncidents(arende);
  });
});
