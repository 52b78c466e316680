import { describe, expect, it } from 'vitest';
import { FristError, svarUppfoljning } from '../../../frister/index.ts';
import { medAndrat, ovanliga, standard } from './stod.ts';

describe('uppföljning av svar (uppgiftens uppföljningsdatum)', () => {
  it('3 vardagar efter dagen då uppgiften skapades, från 00:00 svensk tid', () => {
    // Given: uppgiften skapades måndag 2026-11-30 kl. 09:15
    const f = svarUppfoljning({ start: '2026-11-30T09:15:00+01:00' }, standard);
    // Then: tisdag, onsdag, torsdag → torsdag 2026-12-03
    expect(f).toMatchObject({
      typ: 'svarUppfoljning',
      slag: 'tidpunkt',
      art: 'vagledning',
      senast: '2026-12-03T00:00:00+01:00',
      forfaller: '2026-12-03T23:59:59+01:00',
      lagrum: ['sol-2025-400-14-2'],
    });
    expect(f.sistaDag).toBeUndefined();
    expect(f.kalla).toMatchObject({ installning: 'svarUppfoljning.efter', varde: '3 vardagar' });
    expect(f.grund).toEqual([expect.objectContaining({ handelse: 'uppgiftSkapad', datum: '2026-11-30T09:15:00+01:00', styrande: true })]);
    expect(f.forklaring.join(' ')).toContain('torsdag 2026-12-03');
  });

  it('hoppar över helgen: skapad fredag → onsdag', () => {
    expect(svarUppfoljning({ start: '2026-12-04T16:00:00+01:00' }, standard).senast).toBe('2026-12-09T00:00:00+01:00');
  });

  it('hoppar över julafton, juldagen och annandag jul, och räknar på det svenska datumet', () => {
    // 22:30 UTC den 21 december är 23:30 måndag den 21:a i Sverige: 22, 23, (24–27 räknas inte), 28
    expect(svarUppfoljning({ start: '2026-12-21T22:30:00Z' }, standard).senast).toBe('2026-12-28T00:00:00+01:00');
    // 23:30 UTC den 21:a är redan tisdag den 22:a i Sverige: 23, 28, 29
    expect(svarUppfoljning({ start: '2026-12-21T23:30:00Z' }, standard).senast).toBe('2026-12-29T00:00:00+01:00');
  });

  it('skapad en lördag räknar från lördagen: måndag, tisdag, onsdag', () => {
    expect(svarUppfoljning({ start: '2026-12-05' }, standard).senast).toBe('2026-12-09T00:00:00+01:00');
  });

  it('över sommartidens början: offseten följer datumet', () => {
    // torsdag 2026-03-26 → fredag 27, måndag 30, tisdag 31 (sommartid från 29 mars)
    expect(svarUppfoljning({ start: '2026-03-26' }, standard).senast).toBe('2026-03-31T00:00:00+02:00');
  });

  it('följer inställningen: 1 vardag i en annan kommun, 5 efter nämndbeslut', () => {
    expect(svarUppfoljning({ start: '2026-12-04' }, ovanliga).senast).toBe('2026-12-07T00:00:00+01:00');
    const fem = medAndrat({ svarUppfoljning: { efter: { varde: 5, enhet: 'vardagar', kalla: 'Nämndbeslut' } } });
    expect(svarUppfoljning({ start: '2026-11-30' }, fem).senast).toBe('2026-12-07T00:00:00+01:00');
  });

  it('avvisar ett ogiltigt startdatum', () => {
    expect(() => svarUppfoljning({ start: '2026-13-01' }, standard)).toThrow(FristError);
  });
});
