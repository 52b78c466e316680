import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { FILTERS, provisionFilters } from '../../scripts/filters.ts';
import { engineAs, engineAsAdmin, uniqueCaseNumber } from './support/engine.ts';

/**
 * The seeded Tasklist filters on the real engine: idempotent provisioning, READ
 * only for the groups served, and the date filters' bounds in Swedish time.
 * Standalone tasks with chosen due dates stand in for the processes' tasks.
 */
const created: string[] = [];
afterAll(async () => {
  for (const id of created)
    await engineAsAdmin()
      .delete(`/task/${id}`)
      .catch(() => undefined);
});

async function taskDue(due: DateTime, group = 'vuxenenheten'): Promise<string> {
  const id = uniqueCaseNumber('filtertest');
  // The engine's date format: offset without a colon.
  await engineAsAdmin().post('/task/create', { id, name: id, due: due.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ") });
  await engineAsAdmin().post(`/task/${id}/identity-links`, { groupId: group, type: 'candidate' });
  created.push(id);
  return id;
}

async function listed(user: string, filterName: string): Promise<string[]> {
  const engine = engineAs(user);
  const [filter] = await engine.get<{ id: string }[]>('/filter', { resourceType: 'Task', name: filterName });
  const tasks = await engine.post<{ id: string }[]>(`/filter/${filter!.id}/list`, {});
  return tasks.map((t) => t.id);
}

describe('seeded Tasklist filters', () => {
  it('are provisioned once: a second start finds them by name and changes nothing', async () => {
    const first = await provisionFilters(engineAsAdmin());
    const second = await provisionFilters(engineAsAdmin());
    expect(second).toEqual(first);
    for (const { name } of FILTERS) {
      expect(await engineAsAdmin().get<unknown[]>('/filter', { resourceType: 'Task', name })).toHaveLength(1);
    }
  });

  it('updates a stored filter whose definition changed, and its readers', async () => {
    const ids = await provisionFilters(engineAsAdmin());
    const id = ids['Väntar på samtycke']!;
    await engineAsAdmin().put(`/filter/${id}`, {
      resourceType: 'Task',
      name: 'Väntar på samtycke',
      query: { taskDefinitionKey: 'Annat' },
      properties: { bokvarDefinition: 'gammal' },
    });
    await provisionFilters(engineAsAdmin());
    const stored = await engineAsAdmin().get<{ query: { taskDefinitionKey: string } }>(`/filter/${id}`);
    expect(stored.query.taskDefinitionKey).toBe('InhamtaSamtycke');
  });

  it('are readable only by the groups they serve', async () => {
    const names = async (user: string) =>
      (await engineAs(user).get<{ name: string }[]>('/filter', { resourceType: 'Task' })).map((f) => f.name);
    expect(await names('vera')).toEqual(expect.arrayContaining(FILTERS.map((f) => f.name)));
    expect(await names('bosse')).not.toContain('Väntar på samtycke');
    expect(await names('eva')).not.toContain('Barnfamiljer');
    expect(await names('rut')).toEqual([]);
  });

  it('bound "Förfaller idag", "Förfallna" and "inom 3 arbetsdagar" by the Swedish calendar day', async () => {
    const now = DateTime.now().setZone('Europe/Stockholm');
    const today = now.startOf('day');
    const endOfToday = await taskDue(today.endOf('day'));
    const passed = await taskDue(now.minus({ minutes: 5 }));
    const tomorrowMorning = await taskDue(today.plus({ days: 1, hours: 8 }));
    // The third working day after today (Mon–Fri), and the one after it.
    let day = today;
    const workingDays: DateTime[] = [];
    while (workingDays.length < 4) {
      day = day.plus({ days: 1 });
      if (day.weekday <= 5) workingDays.push(day);
    }
    const third = await taskDue(workingDays[2]!.endOf('day'));
    const fourth = await taskDue(workingDays[3]!.plus({ hours: 12 }));

    const idag = await listed('vera', 'Förfaller idag');
    expect(idag).toContain(endOfToday);
    expect(idag).not.toContain(tomorrowMorning);
    expect(await listed('vera', 'Förfallna')).toContain(passed);
    expect(await listed('vera', 'Förfallna')).not.toContain(endOfToday);
    const inom3 = await listed('vera', 'Förfaller inom 3 arbetsdagar');
    expect(inom3).toEqual(expect.arrayContaining([endOfToday, tomorrowMorning, third]));
    expect(inom3).not.toContain(fourth);
    expect(inom3).not.toContain(passed);
    // a group's tasks are theirs alone
    expect(await listed('bosse', 'Förfaller idag')).not.toContain(endOfToday);
  });
});
