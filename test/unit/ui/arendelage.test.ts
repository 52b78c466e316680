import { describe, expect, it } from 'vitest';
import { dagarKvar, sammanstall } from '../../../ui/arenden/arendelage.ts';

describe('sammanstall: a case in the list from its running instances', () => {
  const instanser = [
    { id: 'pi-huvud', businessKey: 'BV-2026-000001' },
    { id: 'pi-kallad', businessKey: 'BV-2026-000001' },
    { id: 'pi-annan', businessKey: 'BV-2026-000002' },
    { id: 'pi-utan-nyckel', businessKey: null },
  ];

  it('the next deadline is the earliest task due date or timer among all the case’s instances', () => {
    // given: the main instance's task, a called instance's task and timer
    const lage = sammanstall(
      instanser,
      [
        { name: 'Aktualisera', processInstanceId: 'pi-huvud', due: '2026-12-10T16:00:00.000+0100' },
        { name: 'Kontakta hyresvärd', processInstanceId: 'pi-kallad', due: null },
      ],
      [{ processInstanceId: 'pi-kallad', dueDate: '2026-12-03T07:00:00.000+0000' }],
    );
    // then
    expect(lage.get('BV-2026-000001')).toEqual({
      arendenummer: 'BV-2026-000001',
      oppen: true,
      nastaFrist: new Date('2026-12-03T07:00:00Z'),
      aktuellt: ['Aktualisera', 'Kontakta hyresvärd'],
    });
    expect(lage.get('BV-2026-000002')).toEqual({ arendenummer: 'BV-2026-000002', oppen: true, nastaFrist: null, aktuellt: [] });
  });

  it('a task name shows once, in the order the tasks came', () => {
    const lage = sammanstall(
      instanser,
      [
        { name: 'Besök', processInstanceId: 'pi-huvud', due: null },
        { name: 'Ring', processInstanceId: 'pi-kallad', due: null },
        { name: 'Besök', processInstanceId: 'pi-kallad', due: null },
      ],
      [],
    );
    expect(lage.get('BV-2026-000001')!.aktuellt).toEqual(['Besök', 'Ring']);
  });

  it('tasks and timers of instances that do not run (suspended, ended, no case number) do not count', () => {
    const lage = sammanstall(
      instanser,
      [{ name: 'Avstängd', processInstanceId: 'pi-suspenderad', due: '2026-01-01T00:00:00.000+0000' }],
      [{ processInstanceId: 'pi-utan-nyckel', dueDate: '2026-01-01T00:00:00.000+0000' }],
    );
    expect(lage.get('BV-2026-000001')).toMatchObject({ nastaFrist: null, aktuellt: [] });
    expect([...lage.keys()].sort()).toEqual(['BV-2026-000001', 'BV-2026-000002']);
  });

  it('a case asked about without a running instance is closed, so that it leaves the list', () => {
    const lage = sammanstall([instanser[2]!], [], [], ['BV-2026-000001', 'BV-2026-000002']);
    expect(lage.get('BV-2026-000001')).toEqual({ arendenummer: 'BV-2026-000001', oppen: false, nastaFrist: null, aktuellt: [] });
    expect(lage.get('BV-2026-000002')!.oppen).toBe(true);
  });
});

describe('dagarKvar', () => {
  const nu = new Date('2026-11-26T12:00:00Z');
  it('counts started days up to the deadline; a passed deadline is 0 on its day, then negative', () => {
    expect(dagarKvar(null, nu)).toBeNull();
    expect(dagarKvar(new Date('2026-11-26T13:00:00Z'), nu)).toBe(1);
    expect(dagarKvar(new Date('2026-11-28T12:00:00Z'), nu)).toBe(2);
    expect(dagarKvar(new Date('2026-11-28T12:00:01Z'), nu)).toBe(3);
    expect(Object.is(dagarKvar(new Date('2026-11-26T11:00:00Z'), nu), 0)).toBe(true);
    expect(dagarKvar(new Date('2026-11-24T11:00:00Z'), nu)).toBe(-2);
  });
});
