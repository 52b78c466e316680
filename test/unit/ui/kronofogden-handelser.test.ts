import { describe, expect, it } from 'vitest';
import { anstandOrdning, handelsevariabler } from '../../../ui/arenden/kronofogden-handelser.ts';

describe("Kronofogden's messages: the later anstånd decision wins", () => {
  it('orders by decision date when given, else by the Swedish day of arrival, then by arrival', () => {
    // given: a decision from yesterday that arrives late in the evening, and one decided today that arrived earlier
    const sentIgar = anstandOrdning('2026-12-01', new Date('2026-12-02T21:30:00Z'));
    const idag = anstandOrdning('2026-12-02', new Date('2026-12-02T08:00:00Z'));
    expect(idag > sentIgar).toBe(true);
    // without a decision date the arrival's Swedish day counts: 23:30 UTC on the 1st is the 2nd in Sweden
    const utan = anstandOrdning(undefined, new Date('2026-12-01T23:30:00Z'));
    expect(utan.startsWith('2026-12-02|')).toBe(true);
    // same day: the one that arrived last
    expect(anstandOrdning('2026-12-02', new Date('2026-12-02T09:00:00Z')) > idag).toBe(true);
  });

  it('sends every key, null when absent, so no earlier message lingers', () => {
    const mottaget = new Date('2026-12-02T08:00:00Z');
    expect(handelsevariabler({ typ: 'anstand-beviljat', nyttAvhysningsdatum: '2026-12-20' }, mottaget)).toEqual({
      nyttAvhysningsdatum: '2026-12-20',
      anstandBeslutsdatum: null,
      anstandMottaget: '2026-12-02T08:00:00.000Z',
      anstandOrdning: '2026-12-02|2026-12-02T08:00:00.000Z',
    });
    expect(handelsevariabler({ typ: 'avhysning-installd' }, mottaget)).toEqual({ installdOrsak: null });
    expect(handelsevariabler({ typ: 'nycklar-aterlamnade' }, mottaget)).toEqual({});
  });
});
