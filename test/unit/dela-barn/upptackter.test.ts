import { describe, expect, it } from 'vitest';
import { registreraUpptackter, sammanfoga } from '../../../workers/dela-barn/handler.ts';

/**
 * dela-barn records each child-discovery event (barnUpptackter): one entry per
 * source, the earliest first, because the child's 14 days run from the first.
 */
describe('barnUpptackter', () => {
  it('a notice naming children counts from its reception, any other source from the moment it was seen', () => {
    // Given: the notice came 20 days ago; the instance saw the facts now
    const mottagen = '2026-11-10T09:00:00+01:00';
    const nu = '2026-11-30T14:00:00+01:00';
    // When
    const lista = registreraUpptackter([], { folkbokforing: true, anmalan: true }, nu, mottagen, 'hot-om-avhysning');
    // Then
    expect(lista).toEqual([
      { tid: mottagen, kalla: 'anmalan', process: 'hot-om-avhysning' },
      { tid: nu, kalla: 'folkbokforing', process: 'hot-om-avhysning' },
    ]);
  });

  it('a source already recorded is not recorded again; a new one is added in time order', () => {
    const tidigare = [{ tid: '2026-11-20T10:00:00+01:00', kalla: 'folkbokforing' as const, process: 'kronofogden-avhysning' }];
    const lista = registreraUpptackter(
      tidigare,
      { folkbokforing: true, hyresvard: true },
      '2026-11-25T10:00:00+01:00',
      null,
      'kontakt-och-utredning',
    );
    expect(lista.map((u) => u.kalla)).toEqual(['folkbokforing', 'hyresvard']);
    expect(lista[1]?.process).toBe('kontakt-och-utredning');
  });

  it('merging two instances keeps one entry per source, the earlier', () => {
    const a = [{ tid: '2026-11-25T10:00:00+01:00', kalla: 'hyresvard' as const, process: 'kontakt-och-utredning' }];
    const b = [
      { tid: '2026-11-20T10:00:00+01:00', kalla: 'hyresvard' as const, process: 'kronofogden-avhysning' },
      { tid: '2026-11-21T10:00:00+01:00', kalla: 'handlaggare' as const, process: 'kronofogden-avhysning' },
    ];
    expect(sammanfoga(a, b)).toEqual(b);
  });
});
