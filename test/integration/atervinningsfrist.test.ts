import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessInstance, Task } from '../../engine-rest/types.ts';
import { atagandeBeslut, atervinningsfrist, delgivningKontroll, uppgiftskontrollHotOmAvhysning } from '../../frister/index.ts';
import { cancelInstance, engineAs, engineAsAdmin, eventually, stack, uniqueCaseNumber } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { finished, formValues } from './support/samtycke.ts';
import {
  activitiesRun,
  candidateGroups,
  expectNoIncidents,
  fireTimer,
  openTasks,
  timerJobs,
  variable,
  waitForTask,
} from './support/scenario.ts';
import { loggaIn, ui, underrattelse } from './support/ui.ts';

/**
 * The återvinningsfrist, the service date and the register check's place (hot om avhysning) on the real engine and
 * workers, through the intake API: the återvinningsfrist only for unpaid rent, never
 * silent when the service date is missing, a corrected notice in any state. Expected
 * deadlines come from the calendar itself (frister/), with the case's own dates.
 */
const ZON = 'Europe/Stockholm';

beforeAll(async () => {
  // Bertil Ödman (the notices' tenant) is in the register; 196001011235 is not
  await importScenarioPeople(stack().databaseUrl);
});
const nu = () => DateTime.now().setZone(ZON);
const dagar = (n: number) => nu().plus({ days: n });
const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

async function anmal(over: Record<string, unknown>): Promise<{ nr: string; instans: string; frister: Record<string, string> }> {
  const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse(over) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { nr: r.body.arendenummer, instans: r.body.processInstanceId, frister: r.body.frister };
}

const handelse = (nr: string, body: Record<string, unknown>, user = 'vera') => ui('POST', `/api/arenden/${nr}/handelser`, { user, body });

/** The open tasks of the case with this key. */
async function uppgifter(nr: string, key: string): Promise<Task[]> {
  return (await openTasks(nr)).filter((t) => t.taskDefinitionKey === key);
}

async function harVariabel(instans: string, namn: string): Promise<boolean> {
  const alla = await engineAsAdmin().get<Record<string, unknown>>(`/process-instance/${instans}/variables`, { deserializeValues: false });
  return namn in alla && (alla[namn] as { value: unknown }).value !== null;
}

describe('1: the period only where the law gives it', () => {
  it('a disturbance notice with a service date gets no period: not in the answer, the variables, the grounds', async () => {
    const { nr, instans, frister } = await anmal({ orsak: 'storningar' });
    expect(frister).not.toHaveProperty('atervinningsfrist');
    expect(frister).toHaveProperty('forhandsbedomningPaminnelse');
    await expect.poll(() => activitiesRun(nr), { timeout: 30_000 }).toContain('IngenAtervinningsfrist');
    expect(await harVariabel(instans, 'atervinningsfristSenast')).toBe(false);
    expect(Object.keys(await variable<Record<string, unknown>>(instans, 'fristunderlag'))).not.toContain('atervinningsfrist');
    expect(await uppgifter(nr, 'TaRedaPaDelgivningsdatum')).toEqual([]);
    // nor in the compliance report's återvinningsfrist measure
    const rapport = await ui('GET', `/api/revision/efterlevnad?fran=${nu().toISODate()}&till=${nu().toISODate()}`, { user: 'rut' });
    expect(rapport.status).toBe(200);
    const matt = (rapport.body.matt as { id: string; rader: { arenden: string[] }[] }[]).find((m) => m.id === 'atervinningsfrist')!;
    expect(matt.rader.flatMap((r) => r.arenden)).not.toContain(nr);
    // and the events about the period are refused with a reason
    const delgivning = await handelse(nr, { typ: 'delgivning-registrerad', delgivningsdatum: dagar(-1).toISODate() });
    expect(delgivning.status).toBe(409);
    expect(delgivning.type).toContain('application/problem+json');
    expect(delgivning.body.detail).toMatch(/gäller inte uppsägning för obetald hyra/);
    const rattat = await handelse(nr, { typ: 'rattat-meddelande', mottagen: nu().toISO() });
    expect(rattat.status).toBe(409);
    await expectNoIncidents(nr);
  });
});

describe('2: never silent when the service date is missing', () => {
  it('asks for the date, escalates after two working days, and computes the period from the date a system registers', async () => {
    // given: unpaid rent, received five days ago, without a service date
    const mottagen = dagar(-5).startOf('second');
    const { nr, instans, frister } = await anmal({
      mottagen: mottagen.toISO({ suppressMilliseconds: true }),
      uppsagning: { hyresskuld: 9000 },
    });
    expect(frister).not.toHaveProperty('atervinningsfrist');

    // then: a task for ekonomiskt bistånd and vuxenenheten, due the next working day
    const uppgift = await waitForTask(nr, 'TaRedaPaDelgivningsdatum');
    expect(await candidateGroups(uppgift.id)).toEqual(['ekonomiskt-bistand', 'vuxenenheten']);
    const kalender = delgivningKontroll({ start: new Date() });
    expect(ms(uppgift.due)).toBe(ms(kalender.uppgift.forfaller));
    const [eskalering] = await timerJobs(nr, 'DelgivningsdatumSaknasFortfarande');
    expect(ms(eskalering!.dueDate)).toBe(ms(kalender.eskalering.senast));

    // when: two working days pass (the escalation timer fires)
    await waitForTask(nr, 'Aktualisera');
    await fireTimer(nr, 'DelgivningsdatumSaknasFortfarande');
    const samordnare = await waitForTask(nr, 'EskaleraDelgivningsdatum');
    expect(await candidateGroups(samordnare.id)).toEqual(['samordnare']);
    expect((await uppgifter(nr, 'TaRedaPaDelgivningsdatum')).map((t) => t.id)).toEqual([uppgift.id]);

    // and the compliance report shows the case, by number, as a period never established
    const rapport = await ui('GET', `/api/revision/efterlevnad?fran=${mottagen.toISODate()}&till=${nu().toISODate()}`, { user: 'rut' });
    expect(rapport.status).toBe(200);
    const matt = (rapport.body.matt as { id: string; rader: { id: string; arenden: string[]; avvikelse: boolean }[] }[]).find(
      (m) => m.id === 'atervinningsfrist',
    )!;
    expect(matt.rader.find((r) => r.id === 'frist-saknas')).toMatchObject({ avvikelse: true, arenden: expect.arrayContaining([nr]) });

    // when: the landlord's system registers the service date, later than the receipt
    const delgivningsdatum = dagar(-2).toISODate()!;
    const svar = await handelse(nr, { typ: 'delgivning-registrerad', delgivningsdatum });
    expect(svar.status, JSON.stringify(svar.body)).toBe(202);

    // then: the period runs from the later date, and the åtagande decision exists with it
    const forvantad = atervinningsfrist({ delgivningsdatum, mottagenSocialnamnden: mottagen.toISO()! });
    const beslut = await waitForTask(nr, 'BeslutaOmAtagande');
    expect(await variable<string>(instans, 'atervinningsfristSenast')).toBe(forvantad.senast);
    expect(ms(beslut.due)).toBe(ms(atagandeBeslut(forvantad).forfaller));
    const [timer] = await timerJobs(nr, 'AtervinningsfristenUte');
    expect(ms(timer!.dueDate)).toBe(ms(forvantad.senast));
    const underlag = await variable<Record<string, { grund: { handelse: string; styrande: boolean }[] }>>(instans, 'fristunderlag');
    expect(underlag.atervinningsfrist!.grund.find((g) => g.styrande)?.handelse).toBe('delgivning');
    expect(await uppgifter(nr, 'TaRedaPaDelgivningsdatum')).toEqual([]);
    // and samordnare's escalation is no longer needed
    await expect.poll(async () => (await uppgifter(nr, 'EskaleraDelgivningsdatum')).length).toBe(0);

    // the same registration sent again is the same fact: taken once, and the sender is told so
    const samma = await handelse(nr, { typ: 'delgivning-registrerad', delgivningsdatum });
    expect(samma.status).toBe(200);
    expect(samma.body).toMatchObject({ redanMottagen: true });
    // and another service date is refused: a new one comes with a corrected notice
    const igen = await handelse(nr, { typ: 'delgivning-registrerad', delgivningsdatum: dagar(-3).toISODate()! });
    expect(igen.status).toBe(409);
    expect(igen.body.detail).toMatch(/rattat-meddelande/);
    await expectNoIncidents(nr);
  });

  it('takes the date from the task’s form', async () => {
    const mottagen = dagar(-1).startOf('second');
    const { nr, instans } = await anmal({ mottagen: mottagen.toISO({ suppressMilliseconds: true }), uppsagning: undefined });
    const uppgift = await waitForTask(nr, 'TaRedaPaDelgivningsdatum');
    const delgivningsdatum = dagar(-3).toISODate()!;
    await engineAs('eva').post(`/task/${uppgift.id}/claim`, { userId: 'eva' });
    await engineAs('eva').post(`/task/${uppgift.id}/submit-form`, {
      variables: formValues({ delgivningsdatum, delgivningsdatumKalla: 'Hyresvärdens delgivningskvitto' }),
    });
    // the later date is the receipt here
    const forvantad = atervinningsfrist({ delgivningsdatum, mottagenSocialnamnden: mottagen.toISO()! });
    const beslut = await waitForTask(nr, 'BeslutaOmAtagande');
    expect(ms(beslut.due)).toBe(ms(atagandeBeslut(forvantad).forfaller));
    expect(await variable<string>(instans, 'atervinningsfristSenast')).toBe(forvantad.senast);
    await expectNoIncidents(nr);
  });

  it('takes the first service date from a corrected notice while the task waits', async () => {
    const { nr, instans } = await anmal({ uppsagning: undefined });
    await waitForTask(nr, 'TaRedaPaDelgivningsdatum');
    const rattadMottagen = nu().startOf('second');
    const delgivningsdatum = dagar(-1).toISODate()!;
    const svar = await handelse(nr, {
      typ: 'rattat-meddelande',
      mottagen: rattadMottagen.toISO(),
      delgivningsdatum,
      brist: 'Delgivningsdatum saknades',
    });
    expect(svar.status, JSON.stringify(svar.body)).toBe(202);
    const beslut = await waitForTask(nr, 'BeslutaOmAtagande');
    const senast = await variable<string>(instans, 'atervinningsfristSenast');
    expect(ms(beslut.due)).toBe(
      ms(atagandeBeslut(atervinningsfrist({ delgivningsdatum, mottagenSocialnamnden: rattadMottagen.toISO()! })).forfaller),
    );
    expect(senast).toBeTruthy();
    await expect.poll(async () => (await uppgifter(nr, 'TaRedaPaDelgivningsdatum')).length).toBe(0);
    await expectNoIncidents(nr);
  });
});

describe('3: a corrected notice at any time while the case is open', () => {
  it('after the first period ran out, takes the åtagande decision again with the new period', async () => {
    // given: the first (defective) notice came twelve days ago and its period has "run out"
    const mottagen = dagar(-12).startOf('second');
    const delgivningsdatum = dagar(-13).toISODate()!;
    const { nr, instans } = await anmal({
      mottagen: mottagen.toISO({ suppressMilliseconds: true }),
      uppsagning: { delgivningsdatum, hyresskuld: 5000 },
    });
    const forsta = await waitForTask(nr, 'BeslutaOmAtagande');
    await waitForTask(nr, 'Aktualisera'); // the register checks are done: no worker is busy with the instance
    await fireTimer(nr, 'AtervinningsfristenUte');
    await expect.poll(() => activitiesRun(nr)).toContain('UtanAtervinning');
    expect(await uppgifter(nr, 'BeslutaOmAtagande')).toEqual([]);

    // when: the corrected notice arrives now
    const rattad = nu().startOf('second');
    const svar = await handelse(nr, { typ: 'rattat-meddelande', mottagen: rattad.toISO(), brist: 'Fel belopp i meddelandet' });
    expect(svar.status, JSON.stringify(svar.body)).toBe(202);

    // then: back to the åtagande decision with the period from the corrected notice
    const forvantad = atervinningsfrist({
      delgivningsdatum,
      mottagenSocialnamnden: rattad.toISO()!,
      ersatter: { mottagen: mottagen.toISO()!, brist: 'Fel belopp i meddelandet' },
    });
    const [andra] = await eventually('the decision again', async () =>
      (await uppgifter(nr, 'BeslutaOmAtagande')).filter((t) => t.id !== forsta.id),
    );
    expect(ms(andra!.due)).toBe(ms(atagandeBeslut(forvantad).forfaller));
    expect(ms(andra!.due)).toBeGreaterThan(ms(forsta.due));
    const [timer] = await timerJobs(nr, 'AtervinningsfristenUte');
    expect(ms(timer!.dueDate)).toBe(ms(forvantad.senast));
    const underlag = await variable<Record<string, { grund: { handelse: string; beskrivning: string }[] }>>(instans, 'fristunderlag');
    expect(underlag.atervinningsfrist!.grund.find((g) => g.handelse === 'ersattUnderrattelse')?.beskrivning).toMatch(/Fel belopp/);
    await expectNoIncidents(nr);
  });

  it('while the decision is open, moves its due date and its timer, the same task (from the case page)', async () => {
    const mottagen = dagar(-10).startOf('second');
    const { nr } = await anmal({
      mottagen: mottagen.toISO({ suppressMilliseconds: true }),
      uppsagning: { delgivningsdatum: dagar(-11).toISODate() },
    });
    const forsta = await waitForTask(nr, 'BeslutaOmAtagande');
    const [forstaTimer] = await timerJobs(nr, 'AtervinningsfristenUte');
    // the case page offers the form; its script posts to the API with the session's CSRF token
    const { cookie, csrf } = await loggaIn('eva');
    const sida = await fetch(`${stack().uiUrl}/arenden/${nr}`, { headers: { Cookie: cookie } });
    const html = await sida.text();
    expect(html).toContain('id="rattelse-knapp"');
    expect(html).toContain(`<form id="rattelse" data-arende="${nr}"`);
    const rattad = nu().startOf('second');
    const utanToken = await ui('POST', `/api/arenden/${nr}/handelser`, {
      headers: { Cookie: cookie },
      body: { typ: 'rattat-meddelande', mottagen: rattad.toISO() },
    });
    expect(utanToken.status).toBe(403);
    const svar = await ui('POST', `/api/arenden/${nr}/handelser`, {
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf },
      body: { typ: 'rattat-meddelande', mottagen: rattad.toISO() },
    });
    expect(svar.status, JSON.stringify(svar.body)).toBe(202);
    const forvantad = atervinningsfrist({ delgivningsdatum: dagar(-11).toISODate()!, mottagenSocialnamnden: rattad.toISO()! });
    await expect
      .poll(async () => ms((await uppgifter(nr, 'BeslutaOmAtagande'))[0]?.due), { timeout: 30_000 })
      .toBe(ms(atagandeBeslut(forvantad).forfaller));
    expect((await uppgifter(nr, 'BeslutaOmAtagande')).map((t) => t.id)).toEqual([forsta.id]);
    const [timer] = await timerJobs(nr, 'AtervinningsfristenUte');
    expect(timer!.id).toBe(forstaTimer!.id);
    expect(ms(timer!.dueDate)).toBe(ms(forvantad.senast));
    await expectNoIncidents(nr);
  });

  it('from Tasklist: a caseworker starts the registration with the case number; an unknown number gets a correction task', async () => {
    const { nr } = await anmal({
      mottagen: dagar(-10).startOf('second').toISO({ suppressMilliseconds: true }),
      uppsagning: { delgivningsdatum: dagar(-11).toISODate() },
    });
    const forsta = await waitForTask(nr, 'BeslutaOmAtagande');
    const idag = nu().toISODate()!;

    // an unknown number: the one who started gets a task, nothing is registered
    const okand = await engineAs('eva').post<ProcessInstance>('/process-definition/key/registrera-rattat-meddelande/submit-form', {
      variables: formValues({ arendenummer: uniqueCaseNumber('BV-FINNS-INTE'), rattatMottagen: idag, rattelseBrist: 'Fel belopp' }),
    });
    const [ratta] = await eventually('the correction task', () =>
      engineAsAdmin().get<Task[]>('/task', { processInstanceId: okand.id, taskDefinitionKey: 'RattaRattelse' }),
    );
    expect(ratta!.assignee).toBe('eva');
    // corrected to the real case number, it registers
    await engineAs('eva').post(`/task/${ratta!.id}/complete`, { variables: formValues({ arendeAtgard: 'forsok-igen', arendenummer: nr }) });
    await finished(okand.id);

    const forvantad = atervinningsfrist({
      delgivningsdatum: dagar(-11).toISODate()!,
      mottagenSocialnamnden: DateTime.fromISO(idag, { zone: ZON }).toISO()!,
    });
    await expect
      .poll(async () => ms((await uppgifter(nr, 'BeslutaOmAtagande'))[0]?.due), { timeout: 30_000 })
      .toBe(ms(atagandeBeslut(forvantad).forfaller));
    expect((await uppgifter(nr, 'BeslutaOmAtagande')).map((t) => t.id)).toEqual([forsta.id]);
    await expectNoIncidents(nr);
  });

  it('answers 400 with the fields, 404 for an unknown case and 409 for an ended one; the OpenAPI names both events', async () => {
    const { nr, instans } = await anmal({});
    const utanMottagen = await handelse(nr, { typ: 'rattat-meddelande', brist: 'x' });
    expect(utanMottagen.status).toBe(400);
    expect(utanMottagen.type).toContain('application/problem+json');
    expect(utanMottagen.body.falt.map((f: { falt: string }) => f.falt)).toContain('mottagen');
    const framtid = await handelse(nr, { typ: 'rattat-meddelande', mottagen: dagar(2).toISO() });
    expect(framtid.status).toBe(400);
    const felDatum = await handelse(nr, { typ: 'delgivning-registrerad', delgivningsdatum: '2026-02-31' });
    expect(felDatum.status).toBe(400);
    expect(felDatum.body.falt.map((f: { falt: string }) => f.falt)).toContain('delgivningsdatum');
    expect((await handelse('BV-2000-999999', { typ: 'rattat-meddelande', mottagen: nu().toISO() })).status).toBe(404);

    await waitForTask(nr, 'BeslutaOmAtagande');
    await waitForTask(nr, 'Aktualisera');
    await cancelInstance(instans, { skipSubprocesses: false });
    const avslutat = await handelse(nr, { typ: 'rattat-meddelande', mottagen: nu().toISO() });
    expect(avslutat.status).toBe(409);
    expect(avslutat.body.detail).toMatch(/avslutat/);

    const openapi = await ui('GET', '/api/openapi.json', { user: 'vera' });
    const text = JSON.stringify(openapi.body);
    expect(text).toContain('delgivning-registrerad');
    expect(text).toContain('rattat-meddelande');
  });
});

describe('the återvinning path does not wait behind the register check', () => {
  it('a tenant missing from the register: the check is due in two working days, and the åtagande decision exists meanwhile', async () => {
    const { nr } = await anmal({ hyresgast: { personnummer: '196001011235', namn: 'Okänd Person' } });
    const kontroll = await waitForTask(nr, 'KontrolleraUppgifterna');
    expect(ms(kontroll.due)).toBe(ms(uppgiftskontrollHotOmAvhysning({ start: new Date() }).forfaller));
    await waitForTask(nr, 'BeslutaOmAtagande');
    expect((await uppgifter(nr, 'KontrolleraUppgifterna')).length).toBe(1);
    await expectNoIncidents(nr);
  });
});
