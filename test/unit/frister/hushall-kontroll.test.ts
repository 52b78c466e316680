import { describe, expect, it } from 'vitest';
import { hushallKontroll } from '../../../frister/index.ts';
import { ovanliga, standard } from './stod.ts';

describe('fastställ hushållet (förfallodatum när folkbokföringen inte visar hushållet)', () => {
  it('förfaller vid slutet av andra vardagen efter dagen då uppgiften skapades', () => {
    // Given: uppgiften skapades måndag 2026-11-30 kl. 09:15
    const f = hushallKontroll({ start: '2026-11-30T09:15:00+01:00' }, standard);
    // Then: tisdag, onsdag → onsdag 2026-12-02, dagens slut
    expect(f).toMatchObject({
      typ: 'hushallKontroll',
      slag: 'tidpunkt',
      senast: '2026-12-02T00:00:00+01:00',
      forfaller: '2026-12-02T23:59:59+01:00',
      lagrum: ['sol-2025-400-18-1', 'sol-2025-400-14-2'],
    });
    expect(f.kalla).toMatchObject({ installning: 'hushallKontroll.inom', varde: '2 vardagar' });
    expect(f.forklaring.join(' ')).toContain('onsdag 2026-12-02');
  });

  it('hoppar över helgen och följer inställningen: skapad fredag, 1 vardag → måndag', () => {
    expect(hushallKontroll({ start: '2026-12-04T16:00:00+01:00' }, ovanliga).forfaller).toBe('2026-12-07T23:59:59+01:00');
    expect(hushallKontroll({ start: '2026-12-04T16:00:00+01:00' }, standard).forfaller).toBe('2026-12-08T23:59:59+01:00');
  });
});
