import { describe, expect, it } from 'vitest';
import { atagandeBeslut, atagandeSkickat, atervinningsfrist, FristError, uppfoljning } from '../../../frister/index.ts';
import { medAndrat, ovanliga, standard } from './stod.ts';

const frist = (delgiven: string) => atervinningsfrist({ delgivningsdatum: delgiven, mottagenSocialnamnden: delgiven });

describe('atagandeBeslut: the åtagande decision is due N working days before the återvinningsfrist ends', () => {
  it('two working days before a Thursday is the Tuesday (standard)', () => {
    // served Thursday 2026-11-05 → last day Thursday 2026-11-26
    const f = frist('2026-11-05');
    expect(f.sistaDag).toBe('2026-11-26');
    const b = atagandeBeslut(f, standard);
    expect(b).toMatchObject({
      typ: 'atagandeBeslut',
      slag: 'frist',
      art: 'vagledning',
      sistaDag: '2026-11-24',
      senast: '2026-11-25T00:00:00+01:00',
      forfaller: '2026-11-24T23:59:59+01:00',
      lagrum: ['jb-12-44-4-1', 'jb-12-44-1'],
    });
    expect(b.grund).toEqual([
      { handelse: 'atervinningsfristSistaDag', beskrivning: 'Återvinningsfristens sista dag', datum: '2026-11-26', styrande: true },
    ]);
    expect(b.kalla).toMatchObject({ installning: 'atagande.beslutFore', varde: '2 vardagar' });
    expect(b.forklaring.join(' ')).toContain('tisdag 2026-11-24');
  });

  it('the margin crosses a weekend: two working days before a Monday is the Thursday', () => {
    // served Monday 2026-11-02 → last day Monday 2026-11-23
    const b = atagandeBeslut(frist('2026-11-02'), standard);
    expect(b.sistaDag).toBe('2026-11-19');
  });

  it("holidays do not count: Twelfth Night, the weekend, New Year's Day and Eve are skipped", () => {
    // served Thursday 2026-12-17 → three weeks is 2027-01-07 (Thursday)
    const f = frist('2026-12-17');
    expect(f.sistaDag).toBe('2027-01-07');
    // 2027-01-06 trettondedag jul: Tuesday the 5th is the first working day before, Monday the 4th the second
    expect(atagandeBeslut(f, standard).sistaDag).toBe('2027-01-04');
    // the third: not 01-03/02 (weekend), 01-01 (nyårsdagen), 12-31 (nyårsafton)
    expect(atagandeBeslut(f, medAndrat({ atagande: { beslutFore: { varde: 3, enhet: 'vardagar', kalla: 'test' } } })).sistaDag).toBe(
      '2026-12-30',
    );
  });

  it("0 working days: the period's last day itself", () => {
    const f = frist('2026-11-05');
    const b = atagandeBeslut(f, ovanliga);
    expect(b.sistaDag).toBe(f.sistaDag);
    expect(b.forfaller).toBe(f.forfaller);
  });

  it('the setting is validated', () => {
    expect(() => medAndrat({ atagande: { beslutFore: { varde: 11, enhet: 'vardagar', kalla: 'x' } } })).toThrow(
      /atagande.beslutFore.varde: får vara högst 10/,
    );
    expect(() => medAndrat({ atagande: { beslutFore: { varde: 2, enhet: 'dagar', kalla: 'x' } } })).toThrow(/atagande.beslutFore.enhet/);
    expect(() => medAndrat({ atagande: undefined })).toThrow(/atagande: saknas/);
  });

  it('only from an återvinningsfrist', () => {
    expect(() => atagandeBeslut(uppfoljning({ avslutad: '2026-11-05' }, standard), standard)).toThrow(FristError);
  });
});

describe('atagandeSkickat: the åtagande should be marked sent by the end of the next working day', () => {
  it('written on a Wednesday: the timer at the end of Thursday, the task due at the end of Friday', () => {
    const f = atagandeSkickat({ skrivet: '2026-12-02T15:30:00+01:00' });
    expect(f).toMatchObject({
      typ: 'atagandeSkickat',
      slag: 'tidpunkt',
      senast: '2026-12-04T00:00:00+01:00',
      forfaller: '2026-12-04T23:59:59+01:00',
      lagrum: ['jb-12-44-4-1'],
    });
    expect(f.grund[0]).toMatchObject({ handelse: 'brevSkrivet', datum: '2026-12-02T15:30:00+01:00', styrande: true });
  });

  it('written on a Friday before Christmas: Monday 21st, then Tuesday 22nd', () => {
    const f = atagandeSkickat({ skrivet: '2026-12-18T10:00:00+01:00' });
    expect(f.senast).toBe('2026-12-22T00:00:00+01:00');
    expect(f.forfaller).toBe('2026-12-22T23:59:59+01:00');
  });

  it('written on Christmas Eve: the next working day is the 28th, the task due the 29th', () => {
    const f = atagandeSkickat({ skrivet: '2026-12-24T09:00:00+01:00' });
    expect(f.senast).toBe('2026-12-29T00:00:00+01:00');
    expect(f.forfaller).toBe('2026-12-29T23:59:59+01:00');
  });
});
