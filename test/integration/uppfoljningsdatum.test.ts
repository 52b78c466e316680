import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { svarUppfoljning } from '../../frister/index.ts';
import type { Task } from '../../engine-rest/types.ts';
import { modelsDir } from '../../scripts/deploy.ts';
import { engineAs, engineAsAdmin, stack, uniqueCaseNumber } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { completeWhenOpen, startByMessage, variable, waitForTask, type Value } from './support/scenario.ts';

/**
 * Issue 9, task detail in Tasklist, on the real engine and workers: a task that
 * waits on someone else carries a follow-up date from the deadline calendar (or
 * the booked visit), every task carries its description, and the caseworkers'
 * filters treat a waiting task as documented in docs/tasklist.md.
 */
beforeAll(async () => {
  await importScenarioPeople(stack().databaseUrl);
});

const today = () => DateTime.now().setZone('Europe/Stockholm');
const instant = (iso: string) => DateTime.fromISO(iso).toMillis();

async function startCase(over: Record<string, Value> = {}): Promise<string> {
  const arende = uniqueCaseNumber('UPPF');
  const notice: Record<string, Value> = {
    kalla: 'hyresvard',
    orsak: 'obetald-hyra',
    mottagen: today().toISO()!,
    hyresgast: { personnummer: '197001011233', namn: 'Bertil Ödman' },
    adress: { gatuadress: 'Björkvägen 2', postnummer: '41502', ort: 'Göteborg', lagenhetsnummer: '1002' },
    hyresvard: { namn: 'Bostadsbolaget AB', kontaktperson: 'Lena Lund', telefon: '031-100 00 00', epost: 'lena@bostadsbolaget.se' },
    hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' },
    delgivningsdatum: today().toISODate()!,
    hyresskuld: 18500,
    barnEnligtAnmalan: false,
    ...over,
  };
  const personnummer = (notice.hyresgast as { personnummer: string }).personnummer;
  await startByMessage('underrattelse-hot-om-avhysning', arende, { ...notice, hyresgastPersonnummer: personnummer });
  await completeWhenOpen('vera', arende, 'Aktualisera', {
    treservaReferens: 'TRE-2026/909',
    ansvarigHandlaggare: 'Vera Vuxenenheten',
    ansvarigHandlaggareTelefon: '031-365 00 00',
    aktualiseringstyp: 'underrattelse-obetald-hyra',
    barnEnligtHandlaggare: false,
  });
  return arende;
}

/** The task's documentation in the model: what Tasklist must show as its description. */
function documentation(diagram: string, taskId: string): string {
  const xml = fs.readFileSync(path.join(modelsDir, diagram), 'utf8');
  const task = new RegExp(`<bpmn:userTask id="${taskId}"[^>]*>\\s*<bpmn:documentation>([^<]*)</bpmn:documentation>`).exec(xml);
  return task![1]!;
}

const task = (id: string) => engineAsAdmin().get<Task>(`/task/${id}`);

async function listed(user: string, filterName: string): Promise<string[]> {
  const engine = engineAs(user);
  const [filter] = await engine.get<{ id: string }[]>('/filter', { resourceType: 'Task', name: filterName });
  const tasks = await engine.post<{ id: string }[]>(`/filter/${filter!.id}/list`, {});
  return tasks.map((t) => t.id);
}

describe('follow-up dates on the tasks that wait on someone else', () => {
  it("the landlord's answer: the calendar's uppföljning av svar from the day the task started", async () => {
    // given: the case is aktualiserad, the landlord reported
    const arende = await startCase();

    // when
    const kontakt = await task((await waitForTask(arende, 'KontaktaHyresvarden')).id);

    // then: N working days (frister/installningar.json) after the task's Swedish start day, 00:00
    const expected = svarUppfoljning({ start: kontakt.created });
    expect(kontakt.followUp).not.toBeNull();
    expect(instant(kontakt.followUp!)).toBe(instant(expected.senast));
    expect(instant(kontakt.followUp!)).toBeGreaterThan(Date.now());
    // and the grounds are in the instance's fristunderlag, for the viewer and auditors
    const underlag = await variable<Record<string, { typ: string; senast: string }>>(kontakt.processInstanceId, 'fristunderlag');
    expect(underlag.svarUppfoljning).toMatchObject({ typ: 'svarUppfoljning', senast: expected.senast });
    // and Tasklist shows the model's description
    expect(kontakt.description).toBe(documentation('kontakt-och-utredning.bpmn', 'KontaktaHyresvarden'));
  });

  it("the tenant's consent: the same calendar date, computed in the consent process just before the task", async () => {
    // Cecilia Åberg, reported by a private person: contacting the landlord needs her consent; none is registered here
    const arende = await startCase({
      hyresgast: { personnummer: '199206151236', namn: 'Cecilia Åberg' },
      adress: { gatuadress: 'Lärkgatan 3', postnummer: '41664', ort: 'Göteborg' },
      kalla: 'privatperson',
      orsak: 'annat',
      delgivningsdatum: null,
    });

    const samtycke = await task((await waitForTask(arende, 'InhamtaSamtycke')).id);

    expect(instant(samtycke.followUp!)).toBe(instant(svarUppfoljning({ start: samtycke.created }).senast));
    expect(samtycke.description).toBe(documentation('inhamta-samtycke.bpmn', 'InhamtaSamtycke'));
  });

  it('the announced home visit: the booked time', async () => {
    const arende = await startCase();
    const besok = today().plus({ days: 3 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });

    await completeWhenOpen('vera', arende, 'KontaktaHyresgasten', { kontaktsatt: 'aviserat-hembesok', hembesokTid: besok.toISO()! });
    const hembesok = await task((await waitForTask(arende, 'GenomforAviseratHembesok')).id);

    expect(instant(hembesok.followUp!)).toBe(besok.toMillis());
  });
});

describe("the caseworkers' filters and a waiting task", () => {
  it('"Min grupp" offers it until someone takes it; then it rests in "Väntar på svar", not "Mina uppgifter", until its follow-up date', async () => {
    // given: a new task waiting on the landlord
    const arende = await startCase();
    const { id } = await waitForTask(arende, 'KontaktaHyresvarden');

    // unassigned: offered in "Min grupp" (nobody has asked the landlord yet), and listed as waiting
    expect(await listed('vera', 'Min grupp')).toContain(id);
    expect(await listed('vera', 'Väntar på svar')).toContain(id);

    // when vera takes it (and asks the landlord)
    await engineAs('vera').post(`/task/${id}/claim`, { userId: 'vera' });

    // then it waits out of her working list
    expect(await listed('vera', 'Mina uppgifter')).not.toContain(id);
    expect(await listed('vera', 'Väntar på svar')).toContain(id);
    expect(await listed('vera', 'Min grupp')).not.toContain(id);
    // a unit that is not a candidate never sees it
    expect(await listed('eva', 'Väntar på svar')).not.toContain(id);

    // when the follow-up date has come (vera sets it to now in Tasklist: the answer is late)
    const current = await engineAsAdmin().get<Record<string, unknown>>(`/task/${id}`);
    const updatable = ['name', 'description', 'priority', 'assignee', 'owner', 'delegationState', 'due', 'parentTaskId', 'tenantId'];
    const passed = DateTime.now().minus({ minutes: 1 }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ");
    await engineAs('vera').put(`/task/${id}`, { ...Object.fromEntries(updatable.map((k) => [k, current[k]])), followUp: passed });

    // then it is back in "Mina uppgifter" and no longer waiting
    expect(await listed('vera', 'Mina uppgifter')).toContain(id);
    expect(await listed('vera', 'Väntar på svar')).not.toContain(id);
  });
});
