import { describe, expect, it } from 'vitest';
import { informeraHyresvarden } from '../../../frister/index.ts';
import { ovanliga, standard } from './stod.ts';

describe('informera hyresvärden (förfallodatum när hyresgästen har samtyckt, handboken steg 7 och 8)', () => {
  it('förfaller vid slutet av andra vardagen efter dagen då uppgiften skapades', () => {
    // Given: samtycket finns och uppgiften skapades torsdag 2026-12-03 kl. 14:00
    const f = informeraHyresvarden({ start: '2026-12-03T14:00:00+01:00' }, standard);
    // Then: fredag, måndag → måndag 2026-12-07, dagens slut
    expect(f).toMatchObject({
      typ: 'informeraHyresvarden',
      slag: 'tidpunkt',
      senast: '2026-12-07T00:00:00+01:00',
      forfaller: '2026-12-07T23:59:59+01:00',
      lagrum: ['osl-12-2', 'osl-26-1'],
    });
    expect(f.kalla).toMatchObject({ installning: 'informeraHyresvarden.inom', varde: '2 vardagar' });
  });

  it('följer inställningen: 1 vardag → nästa vardag', () => {
    expect(informeraHyresvarden({ start: '2026-12-03T14:00:00+01:00' }, ovanliga).forfaller).toBe('2026-12-04T23:59:59+01:00');
  });
});
