import path from 'node:path';
import knex, { type Knex } from 'knex';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vardagarFran } from '../../frister/index.ts';
import type { Tidslinje } from '../../ui/revision/tidslinje/types.ts';
import { engineAsAdmin, eventually, stack, uniqueCaseNumber } from './support/engine.ts';
import { deployFixture, fixturesDir, importScenarioPeople } from './support/fixtures.ts';
import {
  activitiesRun,
  candidateGroups,
  instancesOf,
  complete,
  completeWhenOpen,
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
import { ui } from './support/ui.ts';
import { isConcurrentModification } from '../../engine-rest/concurrency.ts';

/**
 * Checklist 2, "information om avhysning från Kronofogden", on the real engine
 * with the real workers. People from the fixture extracts: Bertil Ödman
 * (alone, known to ekonomiskt bistånd) and Amira Lindqvist with her son Noah.
 * Time moves only through the engine's job API; a notice "received on a Friday"
 * is placed relative to now, since the engine's clock is the real one.
 */
const MESSAGE = 'kronofogden-meddelande';
const ZONE = 'Europe/Stockholm';
let db: Knex;

beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl });
  await importScenarioPeople(stack().databaseUrl);
  await deployFixture(path.join(fixturesDir, 'test-lanka-arenden.bpmn'));
});
afterAll(async () => {
  await db.destroy();
});

const now = () => DateTime.now().setZone(ZONE);
/** Workers (letters above all) may take seconds on two shared cores. */
const poll = <T>(probe: () => Promise<T>) => expect.poll(probe, { timeout: 20_000 });
/** A weekday at least `days` ahead, so the eviction timers wait for the job API. */
const weekdayAhead = (days: number) => {
  let d = now().plus({ days }).startOf('day');
  while (d.weekday > 5) d = d.plus({ days: 1 });
  return d;
};
const BERTIL = {
  hyresgast: { personnummer: '197001011233', namn: 'Bertil Ödman' },
  adress: { gatuadress: 'Björkvägen 2', postnummer: '41502', ort: 'Göteborg', lagenhetsnummer: '1002' },
};
const AMIRA = {
  hyresgast: { personnummer: '198503121231', namn: 'Amira Lindqvist' },
  adress: { gatuadress: 'Storgatan 1', postnummer: '41101', ort: 'Göteborg', lagenhetsnummer: '1101' },
};

function meddelande(over: Record<string, Value> = {}): Record<string, Value> {
  return {
    kalla: 'kronofogden',
    mottagen: now().toISO()!,
    malnummer: 'KFM-12-345678-26',
    avhysningsdatum: weekdayAhead(14).toISODate()!,
    ...BERTIL,
    hyresvard: { namn: 'Bostadsbolaget AB', kontaktperson: 'Lena Lund', telefon: '031-100 00 00', epost: 'lena@bostadsbolaget.se' },
    ...over,
  };
}

async function startCase(over: Record<string, Value> = {}): Promise<string> {
  const arende = uniqueCaseNumber('KF');
  await startByMessage(MESSAGE, arende, meddelande(over));
  return arende;
}

/**
 * What the intake does when Kronofogden reports a later event in the case: as the
 * API does, correlate again when a worker changed the instance at the same moment.
 */
async function correlate(messageName: string, businessKey: string, values: Record<string, Value> = {}): Promise<void> {
  for (let forsok = 1; ; forsok++) {
    try {
      await engineAsAdmin().post('/message', { messageName, businessKey, processVariables: variables(values) });
      return;
    } catch (error) {
      if (forsok < 3 && isConcurrentModification(error)) continue;
      throw error;
    }
  }
}

async function lettersOf(arende: string) {
  return db('brev').where({ arendenummer: arende }).select('typ', 'mottagare', 'kanal').orderBy('skapad');
}

const hasTask = async (arende: string, key: string) => (await openTasks(arende)).some((t) => t.taskDefinitionKey === key);
const swedishDate = (iso: string) => DateTime.fromISO(iso).setZone(ZONE).toISODate();

describe('1–3, 5: the notice starts the case; folkbokföring, already known and steps 4–8 run beside the eviction path', () => {
  it('starts by message under the case number and runs the shared contact process while the eviction date approaches', async () => {
    const arende = await startCase();

    // folkbokföring and already-known checks (Bertil is known to ekonomiskt bistånd)
    const samrad = await waitForTask(arende, 'SamradMedEnheterna');
    expect(await candidateGroups(samrad.id)).toEqual(['vuxenenheten']);
    expect(await historicVariable<boolean>(arende, 'folkbokfordPaAdressen')).toBe(true);
    expect(await historicVariable<string>(arende, 'malnummer')).toBe('KFM-12-345678-26');

    // aktualisering in the shared process: due the working day before the eviction day (14 days ahead),
    // which is earlier than the förhandsbedömning clock's two weeks
    const aktualisering = await waitForTask(arende, 'Aktualisera');
    expect(await candidateGroups(aktualisering.id)).toEqual(['vuxenenheten']);
    const avhysningsdag = (await historicVariable<string>(arende, 'avhysningsdatum'))!;
    expect(swedishDate(aktualisering.due!)).toBe(vardagarFran(avhysningsdag, -1));
    const paminnelse = await historicVariable<string>(arende, 'forhandsbedomningPaminnelseForfaller');
    expect(new Date(aktualisering.due!).getTime()).toBeLessThan(new Date(paminnelse!).getTime());
    expect(new Date(aktualisering.due!).getTime()).toBe(
      new Date((await historicVariable<string>(arende, 'aktualiseringForfaller'))!).getTime(),
    );
    await complete('vera', aktualisering, {
      treservaReferens: 'TRE-2026/456',
      ansvarigHandlaggare: 'Vera Vuxenenheten',
      ansvarigHandlaggareTelefon: '031-365 00 00',
      aktualiseringstyp: 'information-kronofogden',
      barnEnligtHandlaggare: false,
    });
    // Kronofogden is the source: contacting the landlord needs consent (kontakt-med-hyresvard.dmn)
    await waitForTask(arende, 'InhamtaSamtycke');
    expect(await historicVariable<boolean>(arende, 'samtyckeKravsForHyresvard')).toBe(true);

    // meanwhile the eviction path waits for its day, and support is given
    expect(await timerJobs(arende, 'AvhysningsdagenNarmar')).toHaveLength(1);
    expect(await candidateGroups((await waitForTask(arende, 'StodjaOchMotivera')).id)).toEqual(['vuxenenheten']);
    await expectNoIncidents(arende);
  });
});

describe('4: same-day confirmation to Kronofogden', () => {
  const friday = (weeks: number) => {
    let d = now().startOf('day').plus({ weeks });
    while (d.weekday !== 5) d = d.plus({ days: weeks < 0 ? -1 : 1 });
    return d.set({ hour: 16, minute: 55 });
  };

  it('notice received 16:55 on a Friday: the coordinators name the caseworker, the letter goes to Kronofogden with a copy, and "same day" is recorded true', async () => {
    // given: received 16:55 on the coming Friday, so completing now is within that Swedish day
    const mottagen =
      now().weekday === 5 && now().hour < 16 ? now().set({ hour: 16, minute: 55 }) : friday(0).plus({ days: now().weekday === 5 ? 7 : 0 });
    const arende = await startCase({ mottagen: mottagen.toISO()!, avhysningsdatum: mottagen.plus({ days: 7 }).toISODate()! });

    const task = await waitForTask(arende, 'BekraftaTillKronofogden');
    expect(await candidateGroups(task.id)).toEqual(['samordnare']);
    // due at the end of the day of reception; escalation an hour after a late reception
    expect(DateTime.fromISO(task.due!).setZone(ZONE).toISO({ includeOffset: false })).toBe(`${mottagen.toISODate()}T23:59:59.000`);
    const [eskalering] = await timerJobs(arende, 'BekraftelseInteGjord');
    expect(new Date(eskalering!.dueDate!).getTime()).toBe(mottagen.plus({ hours: 1 }).toMillis());

    // when: a coordinator names the caseworker
    await complete('stina', task, { ansvarigHandlaggare: 'Vera Vuxenenheten', ansvarigHandlaggareTelefon: '031-365 00 00' });

    // then: the confirmation to Kronofogden and the copy to the tenant, and same day recorded
    await poll(() => historicVariable<boolean>(arende, 'bekraftadSammaDag')).toBe(true);
    const letters = await lettersOf(arende);
    expect(letters).toContainEqual(
      expect.objectContaining({ typ: 'bekraftelse-kronofogden', mottagare: 'kronofogden', kanal: 'epost-myndighet' }),
    );
    expect(letters.filter((b) => b.typ === 'bekraftelse-kronofogden')).toHaveLength(2);
    expect(await historicVariable<string>(arende, 'bekraftelseKopiaBrevId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await timerJobs(arende, 'BekraftelseInteGjord')).toHaveLength(0);
    await expectNoIncidents(arende);
  });

  it('records "same day" false when the confirmation is made after the day of reception', async () => {
    const mottagen = friday(-1);
    const arende = await startCase({ mottagen: mottagen.toISO()! });
    await completeWhenOpen('stina', arende, 'BekraftaTillKronofogden', { ansvarigHandlaggare: 'Vera Vuxenenheten' });
    await poll(() => historicVariable<boolean>(arende, 'bekraftadSammaDag')).toBe(false);
  });

  it('escalates to the coordinators in the afternoon when nobody has been named', async () => {
    const arende = await startCase();
    await waitForTask(arende, 'BekraftaTillKronofogden');
    await fireTimer(arende, 'BekraftelseInteGjord');
    const eskalering = await waitForTask(arende, 'EskaleraBekraftelse');
    expect(await candidateGroups(eskalering.id)).toEqual(['samordnare']);
    // the naming task stays open: the escalation does not replace it
    expect(await hasTask(arende, 'BekraftaTillKronofogden')).toBe(true);
  });
});

describe('6: when the eviction is a fact', () => {
  it('supports and motivates, and asks for anstånd when the caseworker chooses to', async () => {
    const arende = await startCase();
    await completeWhenOpen('vera', arende, 'StodjaOchMotivera', { motiveratAttLamnaNycklar: true, begarAnstand: true });
    await completeWhenOpen('vera', arende, 'BegarAnstand', {
      anstandSkal: 'nytt-boende',
      anstandBegartDatum: now().toISODate()!,
      anstandMotivering: 'Nytt kontrakt från den 1:a nästa månad.',
    });
    await poll(() => activitiesRun(arende)).toContain('StodGivet');
  });

  it('anstånd granted: the attendance timer moves to the new date', async () => {
    const arende = await startCase();
    const [before] = await eventually('the eviction timer', () => timerJobs(arende, 'AvhysningsdagenNarmar'));
    // kontakt-och-utredning runs (it starts after the register check; see docs/kronofogden.md on the first seconds)
    await waitForTask(arende, 'Aktualisera');

    // when: Kronofogden grants a postponement of two weeks
    const nyttDatum = weekdayAhead(28).toISODate()!;
    await correlate('anstand-beviljat', arende, { nyttAvhysningsdatum: nyttDatum });

    // then: one timer, re-evaluated by dela-frister to the new date's deadline from the calendar
    await poll(async () => swedishDate((await timerJobs(arende, 'AvhysningsdagenNarmar'))[0]!.dueDate!)).toBe(nyttDatum);
    const [after] = await timerJobs(arende, 'AvhysningsdagenNarmar');
    expect(await timerJobs(arende, 'AvhysningsdagenNarmar')).toHaveLength(1);
    const root = (await instancesOf(arende)).find((i) => i.definitionId.startsWith('kronofogden-avhysning:'))!;
    expect(await variable<string>(root.id, 'avhysningsdatum')).toBe(nyttDatum);
    const senast = await variable<string>(root.id, 'avhysningsdagSenast');
    expect(new Date(after!.dueDate!).getTime()).toBe(new Date(senast).getTime());
    expect(new Date(after!.dueDate!).getTime()).toBeGreaterThan(new Date(before!.dueDate!).getTime());
    // and the running kontakt-och-utredning instance has the new day's deadlines too
    const [kontakt] = await engineAsAdmin().get<{ id: string }[]>('/process-instance', {
      businessKey: arende,
      processDefinitionKey: 'kontakt-och-utredning',
    });
    await poll(() => variable<string>(kontakt!.id, 'avhysningsdagSenast')).toBe(senast);
    await poll(async () => (await variable<Record<string, { senast: string }>>(kontakt!.id, 'fristunderlag')).avhysningsdag?.senast).toBe(
      senast,
    );

    // and the attendance task, when the timer fires, is due on the new day
    await fireTimer(arende, 'AvhysningsdagenNarmar');
    const narvaro = await waitForTask(arende, 'NarvaraVidAvhysning');
    expect(swedishDate(narvaro.due!)).toBe(nyttDatum);
    await expectNoIncidents(arende);
  });

  it('keys handed in: the eviction path ends without an attendance task, and the follow-up after the eviction runs', async () => {
    const arende = await startCase();
    await waitForTask(arende, 'StodjaOchMotivera');
    await correlate('nycklar-aterlamnade', arende);
    // the family has lost its home either way: the follow-up assessment (handbook, point 4)
    const bedom = await waitForTask(arende, 'BedomUppfoljningEfterAvhysning');
    expect(await candidateGroups(bedom.id)).toEqual(['vuxenenheten']);
    expect(await activitiesRun(arende)).toContain('NycklarAterlamnade');
    expect(await timerJobs(arende, 'AvhysningsdagenNarmar')).toHaveLength(0);
    expect(await hasTask(arende, 'StodjaOchMotivera')).toBe(false);
    expect(await activitiesRun(arende)).not.toContain('NarvaraVidAvhysning');
    expect(await historicVariable<string>(arende, 'avhysningUtfall')).toBe('nycklar-aterlamnade');
    // adults with consent
    await complete('vera', bedom, { uppfoljningSamtycke: true, uppfoljningMotivering: 'Vill ha stöd att hitta boende.' });
    await waitForTask(arende, 'UppfoljningsmoteVuxen');
    await expectNoIncidents(arende);
  });

  it('keys handed in on the eviction day: the open attendance task ends and the follow-up starts', async () => {
    const arende = await startCase();
    await fireTimer(arende, 'AvhysningsdagenNarmar');
    await waitForTask(arende, 'NarvaraVidAvhysning');
    await correlate('nycklar-aterlamnade', arende);
    await waitForTask(arende, 'BedomUppfoljningEfterAvhysning');
    expect(await hasTask(arende, 'NarvaraVidAvhysning')).toBe(false);
    expect(await historicVariable<string>(arende, 'avhysningUtfall')).toBe('nycklar-aterlamnade');
  });

  it('eviction cancelled by Kronofogden: the eviction path ends with the reason, no follow-up after eviction, and vuxenenheten is told', async () => {
    const arende = await startCase();
    await eventually('the eviction timer', () => timerJobs(arende, 'AvhysningsdagenNarmar'));
    await correlate('avhysning-installd', arende, { installdOrsak: 'skulden-betald' });
    // not silent: a task to offer continued support
    const besked = await waitForTask(arende, 'InformeraOmInstalldAvhysning');
    expect(await candidateGroups(besked.id)).toEqual(['vuxenenheten']);
    expect(await timerJobs(arende, 'AvhysningsdagenNarmar')).toHaveLength(0);
    expect(await hasTask(arende, 'StodjaOchMotivera')).toBe(false);
    expect(await historicVariable<string>(arende, 'installdOrsak')).toBe('skulden-betald');
    expect(await historicVariable<string>(arende, 'avhysningUtfall')).toBe('installd');
    await complete('vera', besked, { installdHyresgastenKontaktad: true, installdFortsattStod: true });
    await poll(() => activitiesRun(arende)).toContain('IngenAvhysningInstalld');
    expect(await activitiesRun(arende)).not.toContain('BedomUppfoljningEfterAvhysning');
    // the contact and investigation go on: the case itself is still open
    expect((await instancesOf(arende)).length).toBeGreaterThan(0);
    await expectNoIncidents(arende);
  });
});

describe('7–8: attending the eviction and following up', () => {
  it('creates "Närvara vid avhysning" for vuxenenheten due on the day, requires a reason agreed with Kronofogden for not attending, and offers a follow-up meeting with consent', async () => {
    const avhysningsdatum = weekdayAhead(10).toISODate()!;
    const arende = await startCase({ avhysningsdatum });
    await fireTimer(arende, 'AvhysningsdagenNarmar');
    const narvaro = await waitForTask(arende, 'NarvaraVidAvhysning');
    expect(narvaro.name).toBe('Närvara vid avhysning');
    expect(await candidateGroups(narvaro.id)).toEqual(['vuxenenheten']);
    expect(swedishDate(narvaro.due!)).toBe(avhysningsdatum);
    expect(await hasTask(arende, 'NarvaraBarnOchUnga')).toBe(false);
    expect(await historicVariable<boolean>(arende, 'narvaroBarnOchUnga')).toBe(false);

    // not attending without a reason agreed with Kronofogden: the task comes back
    await complete('vera', narvaro, { narvarade: false, ejNarvaroSkal: null, ejNarvaroAvstamdMedKronofogden: false });
    const igen = await eventually('the attendance task again', async () =>
      (await openTasks(arende)).filter((t) => t.taskDefinitionKey === 'NarvaraVidAvhysning' && t.id !== narvaro.id),
    );
    await complete('vera', igen[0]!, {
      narvarade: false,
      ejNarvaroSkal: 'Sjukdom; Kronofogden informerad.',
      ejNarvaroAvstamdMedKronofogden: true,
    });

    // follow-up with the adult's consent
    await completeWhenOpen('vera', arende, 'BedomUppfoljningEfterAvhysning', {
      uppfoljningSamtycke: true,
      uppfoljningMotivering: 'Vill ha stöd att hitta boende.',
    });
    await completeWhenOpen('vera', arende, 'UppfoljningsmoteVuxen', { uppfoljningGenomford: true });
    expect(await historicVariable<string>(arende, 'avhysningUtfall')).toBe('genomford');
    await expectNoIncidents(arende);
  });

  it('family with children: a parallel attendance task for barn och unga, and follow-up of the children by recorded decision without consent', async () => {
    const arende = await startCase({ ...AMIRA });
    // children are known from folkbokföringen: barn och unga is involved from the start
    await waitForTask(arende, 'BedomBarnutredning');
    await fireTimer(arende, 'AvhysningsdagenNarmar');
    const vuxen = await waitForTask(arende, 'NarvaraVidAvhysning');
    const barn = await waitForTask(arende, 'NarvaraBarnOchUnga');
    expect(await candidateGroups(vuxen.id)).toEqual(['vuxenenheten']);
    expect(await candidateGroups(barn.id)).toEqual(['barn-och-unga']);
    expect(barn.due).toBe(vuxen.due);
    // decided by the process owner's table narvaro-vid-avhysning.dmn
    expect(await historicVariable<boolean>(arende, 'narvaroBarnOchUnga')).toBe(true);

    await complete('vera', vuxen, { narvarade: true });
    await complete('bosse', barn, { narvaradeBarnOchUnga: true });

    // the adult declines follow-up; the children are followed up without consent, by recorded decision
    await completeWhenOpen('vera', arende, 'BedomUppfoljningEfterAvhysning', {
      uppfoljningSamtycke: false,
      uppfoljningMotivering: 'Avböjer.',
    });
    await completeWhenOpen('bosse', arende, 'BedomUppfoljningBarn', {
      uppfoljningBarnBeslut: 'utan-samtycke',
      uppfoljningBarnMotivering: 'Barnets boendesituation är oklar efter avhysningen.',
    });
    const uppfoljning = await waitForTask(arende, 'UppfoljningBarn');
    expect(await candidateGroups(uppfoljning.id)).toEqual(['barn-och-unga']);
    expect(await activitiesRun(arende)).not.toContain('UppfoljningsmoteVuxen');
    expect(await historicVariable<string>(arende, 'uppfoljningBarnBeslut')).toBe('utan-samtycke');
  });
});

describe("1: a link to the same tenant's open hot-om-avhysning case", () => {
  // Not in the register and used by no other test, so no other case shares the tenant.
  const DAN = { hyresgast: { personnummer: '195505053214', namn: 'Hanna Holm' }, adress: BERTIL.adress };

  it('links the Kronofogden case and the open hot-om-avhysning case both ways', async () => {
    // given: an open checklist-1 case for the tenant, started the way the intake starts it
    const hot = uniqueCaseNumber('BV');
    await startByMessage('underrattelse-hot-om-avhysning', hot, {
      kalla: 'hyresvard',
      orsak: 'obetald-hyra',
      mottagen: now().toISO()!,
      ...DAN,
      hyresgastPersonnummer: DAN.hyresgast.personnummer,
      hyresvard: { namn: 'Bostadsbolaget AB' },
      delgivningsdatum: null,
      barnEnligtAnmalan: false,
    });

    // when: Kronofogden announces the eviction
    const arende = await startCase({ ...DAN });

    // then: each case names the other
    await poll(() => historicVariable<string[]>(arende, 'lankadeArenden')).toEqual([hot]);
    await expectNoIncidents(arende);
    expect(await historicVariable<string>(hot, 'kronofogdenArende')).toBe(arende);
    expect(await historicVariable<string>(arende, 'hyresgastPersonnummer')).toBe(DAN.hyresgast.personnummer);
  });

  it("gives the open case's caseworker a task that Kronofogden has announced an eviction, once", async () => {
    // given: an open case whose model listens for the announcement (fixture standing in for hot-om-avhysning)
    const hot = uniqueCaseNumber('BV');
    await engineAsAdmin().post('/process-definition/key/test-hot-om-lankning/start', {
      businessKey: hot,
      variables: variables({ hyresgastPersonnummer: DAN.hyresgast.personnummer }),
    });
    const start = (arende: string) =>
      engineAsAdmin().post('/process-definition/key/test-kronofogden-lankning/start', {
        businessKey: arende,
        variables: variables({ ...DAN, malnummer: 'KFM-9', avhysningsdatum: weekdayAhead(14).toISODate()! }),
      });

    // when
    const arende = uniqueCaseNumber('KF');
    await start(arende);

    // then
    const task = await waitForTask(hot, 'KronofogdenHarMeddelatAvhysning');
    expect(await candidateGroups(task.id)).toEqual(['vuxenenheten']);
    expect(await historicVariable<string>(hot, 'kronofogdenMalnummer')).toBe('KFM-9');
    await waitForTask(arende, 'Lankat');
    expect(await historicVariable<string[]>(arende, 'lankadeArenden')).toEqual([hot]);
    await expectNoIncidents(arende);
  });
});

describe("nothing waits behind an unclear register, and Kronofogden's messages are taken in any state", () => {
  // Not in the register, and used only here: the register check fails and the tenant's details must be checked.
  const OKAND = {
    hyresgast: { personnummer: '196203031239', namn: 'Kim Registerlös' },
    adress: { gatuadress: 'Okändavägen 3', postnummer: '41503', ort: 'Göteborg' },
  };
  const SYFTE = 'Intern kontroll';

  /** A notice through the intake API, as Kronofogden's notices arrive. */
  async function viaIntaget(over: Record<string, unknown> = {}): Promise<{ arendenummer: string; processInstanceId: string }> {
    const r = await ui('POST', '/api/kronofogden-meddelanden', {
      user: 'vera',
      body: {
        mottagen: now().startOf('second').toISO({ suppressMilliseconds: true }),
        malnummer: `KFM-${Date.now()}`,
        avhysningsdatum: weekdayAhead(14).toISODate(),
        ...OKAND,
        ...over,
      },
    });
    expect(r.status).toBe(201);
    return r.body;
  }
  const handelse = (nr: string, body: Record<string, unknown>) => ui('POST', `/api/arenden/${nr}/handelser`, { user: 'vera', body });
  const avhysningsdatumI = async (nr: string) =>
    (await ui('GET', `/api/arenden/${nr}`, { user: 'vera' })).body.avhysningsdatum as string | undefined;

  it('a tenant unknown to the register: the confirmation task and its escalation timer exist within seconds, beside the check of the details, due today', async () => {
    const start = Date.now();
    const { arendenummer: nr } = await viaIntaget();
    const bekrafta = await waitForTask(nr, 'BekraftaTillKronofogden');
    expect(Date.now() - start).toBeLessThan(15_000);
    expect(await candidateGroups(bekrafta.id)).toEqual(['samordnare']);
    expect(await timerJobs(nr, 'BekraftelseInteGjord')).toHaveLength(1);
    // the eviction path started too, and the details are checked in parallel, due the same Swedish day
    await waitForTask(nr, 'StodjaOchMotivera');
    expect(await timerJobs(nr, 'AvhysningsdagenNarmar')).toHaveLength(1);
    const kontroll = await waitForTask(nr, 'KontrolleraUppgifterna');
    expect(DateTime.fromISO(kontroll.due!).setZone(ZONE).toISO({ includeOffset: false })).toBe(`${now().toISODate()}T23:59:59.000`);

    // the coordinator names the caseworker before the details are checked: the letters go, the copy without an address
    await complete('stina', bekrafta, { ansvarigHandlaggare: 'Vera Vuxenenheten', ansvarigHandlaggareTelefon: '031-365 00 00' });
    await poll(async () => (await lettersOf(nr)).filter((b) => b.typ === 'bekraftelse-kronofogden')).toHaveLength(2);
    expect(await lettersOf(nr)).toContainEqual(
      expect.objectContaining({ typ: 'bekraftelse-kronofogden', mottagare: 'hyresgast', kanal: 'sarskild-postformedling' }),
    );
    expect(await hasTask(nr, 'KontrolleraUppgifterna')).toBe(true);
    await expectNoIncidents(nr);
  });

  it('anstånd posted right after the intake, while the case waits on the register check: 202, and the case shows the new eviction day', async () => {
    const { arendenummer: nr, processInstanceId } = await viaIntaget();
    await waitForTask(nr, 'KontrolleraUppgifterna');
    const nyttDatum = weekdayAhead(28).toISODate()!;
    const r = await handelse(nr, { typ: 'anstand-beviljat', nyttAvhysningsdatum: nyttDatum });
    expect(r.status).toBe(202);
    await poll(() => avhysningsdatumI(nr)).toBe(nyttDatum);
    // the eviction day's deadlines are recomputed from the new date
    await poll(async () =>
      swedishDate((await variable<Record<string, { senast: string }>>(processInstanceId, 'fristunderlag')).avhysningsdag!.senast),
    ).toBe(nyttDatum);
    expect(await hasTask(nr, 'KontrolleraUppgifterna')).toBe(true);
    await expectNoIncidents(nr);
  });

  it('the same message twice, at once and later: the case takes it once, the sender learns it was taken', async () => {
    const { arendenummer: nr } = await viaIntaget();
    await waitForTask(nr, 'StodjaOchMotivera');
    const nycklar = { typ: 'nycklar-aterlamnade' };
    const samtidigt = await Promise.all([handelse(nr, nycklar), handelse(nr, nycklar)]);
    expect(samtidigt.map((r) => r.status).sort()).toContainEqual(202);
    for (const r of samtidigt.filter((r) => r.status !== 202)) {
      expect([200, 409]).toContain(r.status);
      expect(r.type).toMatch(r.status === 409 ? /problem\+json/ : /json/);
    }
    const igen = await handelse(nr, nycklar);
    expect(igen.status).toBe(200);
    expect(igen.body).toMatchObject({ arendenummer: nr, typ: 'nycklar-aterlamnade', redanMottagen: true });
    await poll(async () => (await activitiesRun(nr)).filter((a) => a === 'NycklarMeddelade')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await activitiesRun(nr)).filter((a) => a === 'NycklarMeddelade')).toHaveLength(1);
    await expectNoIncidents(nr);
  });

  it('two anstånd: the later decision wins, whatever order the messages arrive in', async () => {
    const { arendenummer: nr, processInstanceId } = await viaIntaget();
    await waitForTask(nr, 'StodjaOchMotivera');
    const senare = weekdayAhead(35).toISODate()!;
    const tidigare = weekdayAhead(21).toISODate()!;
    // the later decision (decided today) arrives first, the earlier one (decided yesterday) after it
    expect((await handelse(nr, { typ: 'anstand-beviljat', nyttAvhysningsdatum: senare, beslutsdatum: now().toISODate() })).status).toBe(
      202,
    );
    await poll(() => variable<string>(processInstanceId, 'avhysningsdatum')).toBe(senare);
    expect(
      (await handelse(nr, { typ: 'anstand-beviljat', nyttAvhysningsdatum: tidigare, beslutsdatum: now().minus({ days: 1 }).toISODate() }))
        .status,
    ).toBe(202);
    await poll(async () => (await activitiesRun(nr)).filter((a) => a === 'AnstandAldreBeslut')).toHaveLength(1);
    expect(await variable<string>(processInstanceId, 'avhysningsdatum')).toBe(senare);
    expect(await avhysningsdatumI(nr)).toBe(senare);
    // without a decision date the arrival counts: a third message, today, arrives last and wins
    const sist = weekdayAhead(42).toISODate()!;
    expect((await handelse(nr, { typ: 'anstand-beviljat', nyttAvhysningsdatum: sist })).status).toBe(202);
    await poll(() => variable<string>(processInstanceId, 'avhysningsdatum')).toBe(sist);
    await poll(async () =>
      swedishDate((await variable<Record<string, { senast: string }>>(processInstanceId, 'fristunderlag')).avhysningsdag!.senast),
    ).toBe(sist);
    await expectNoIncidents(nr);

    // the timeline shows each message and what it changed
    const t = (await ui('GET', `/api/revision/arenden/${nr}/tidslinje?syfte=${encodeURIComponent(SYFTE)}`, { user: 'rut' }))
      .body as Tidslinje;
    const anstand = t.handelser.filter((h) => h.typ === 'meddelande' && h.aktivitet === 'AnstandBeviljat');
    expect(anstand).toHaveLength(3);
    expect(anstand[0]!.text).toContain(`→ ${senare}`);
    expect(anstand[1]!.text).not.toContain('ändrat');
    expect(anstand[2]!.text).toContain(`${senare} → ${sist}`);
    expect(t.handelser.some((h) => h.aktivitet === 'AnstandAldreBeslut')).toBe(true);
  });

  it('anstånd while the eviction path runs: the aktualisering, attendance and support due dates and the eviction timer move in every instance', async () => {
    const arende = await startCase({ avhysningsdatum: weekdayAhead(7).toISODate()! });
    const root = (await instancesOf(arende)).find((i) => i.definitionId.startsWith('kronofogden-avhysning:'))!;
    const [timer] = await eventually('the eviction timer', () => timerJobs(arende, 'AvhysningsdagenNarmar'));
    const stod = await waitForTask(arende, 'StodjaOchMotivera');
    const aktualisering = await waitForTask(arende, 'Aktualisera');
    const ms = (d: string) => new Date(d).getTime();

    // when: Kronofogden postpones the eviction by a few days
    const nyttDatum = weekdayAhead(11).toISODate()!;
    await correlate('anstand-beviljat', arende, { nyttAvhysningsdatum: nyttDatum });

    // then: the calendar moved aktualisering to the working day before the new day, in the called instance too
    const [kontakt] = await engineAsAdmin().get<{ id: string }[]>('/process-instance', {
      businessKey: arende,
      processDefinitionKey: 'kontakt-och-utredning',
    });
    await poll(async () => swedishDate(await variable<string>(kontakt!.id, 'aktualiseringForfaller'))).toBe(vardagarFran(nyttDatum, -1));
    // and dela-frister moved the open tasks' due dates and the timer, the calling instance included
    await poll(async () => swedishDate((await waitForTask(arende, 'Aktualisera')).due!)).toBe(vardagarFran(nyttDatum, -1));
    const paminnelse = await variable<string>(root.id, 'avhysningPaminnelse1Forfaller');
    await poll(async () => ms((await waitForTask(arende, 'StodjaOchMotivera')).due!)).toBe(ms(paminnelse));
    await poll(async () => swedishDate((await timerJobs(arende, 'AvhysningsdagenNarmar'))[0]!.dueDate!)).toBe(nyttDatum);
    expect(ms(paminnelse)).toBeGreaterThan(ms(stod.due!));
    expect(ms((await waitForTask(arende, 'Aktualisera')).due!)).toBeGreaterThan(ms(aktualisering.due!));
    expect(ms((await timerJobs(arende, 'AvhysningsdagenNarmar'))[0]!.dueDate!)).toBeGreaterThan(ms(timer!.dueDate!));

    // on the day the attendance task is due then; a further anstånd moves the open task
    await fireTimer(arende, 'AvhysningsdagenNarmar');
    expect(swedishDate((await waitForTask(arende, 'NarvaraVidAvhysning')).due!)).toBe(nyttDatum);
    const senare = weekdayAhead(18).toISODate()!;
    await correlate('anstand-beviljat', arende, { nyttAvhysningsdatum: senare });
    await poll(async () => swedishDate((await waitForTask(arende, 'NarvaraVidAvhysning')).due!)).toBe(senare);
    await expectNoIncidents(arende);
  });

  it('the future housing plan recorded while supporting before the eviction is in the timeline', async () => {
    // through the intake: the auditor's timeline reads Bokvar's case register
    const { arendenummer: arende } = await viaIntaget();
    await completeWhenOpen('vera', arende, 'StodjaOchMotivera', {
      motiveratAttLamnaNycklar: true,
      begarAnstand: false,
      framtidaBostadslosning: 'Flyttar till sin syster i Mölndal; söker bostad genom bostadskön.',
    });
    await poll(() => activitiesRun(arende)).toContain('StodGivet');
    await correlate('nycklar-aterlamnade', arende);
    await waitForTask(arende, 'BedomUppfoljningEfterAvhysning');
    const t = (await ui('GET', `/api/revision/arenden/${arende}/tidslinje?syfte=${encodeURIComponent(SYFTE)}`, { user: 'rut' }))
      .body as Tidslinje;
    const stod = t.handelser.find((h) => h.typ === 'uppgift' && h.aktivitet === 'StodjaOchMotivera');
    expect(stod!.text).toContain('Framtida lösning av bostadsfrågan: Flyttar till sin syster i Mölndal');
    const slut = t.handelser.find((h) => h.aktivitet === 'NycklarAterlamnade' && h.typ === 'steg');
    expect(slut!.text).toBe('Avslutade «När avhysningen är ett faktum».');
    expect(t.handelser.some((h) => h.typ === 'meddelande' && h.aktivitet === 'NycklarMeddelade')).toBe(true);
  });
});
