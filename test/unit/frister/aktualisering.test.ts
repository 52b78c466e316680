import { describe, expect, it } from 'vitest';
import { aktualisering, uppgiftskontrollKronofogden } from '../../../frister/index.ts';
import { standard } from './stod.ts';

describe('aktualisering (uppgiften "Aktualisera ärendet i Treserva")', () => {
  it('utan avhysningsdag: förhandsbedömningens påminnelsedag, två veckor från mottagandet', () => {
    const f = aktualisering({ mottagen: '2026-11-30T09:00:00+01:00' }, standard);
    expect(f).toMatchObject({ typ: 'aktualisering', slag: 'frist', sistaDag: '2026-12-14', forfaller: '2026-12-14T23:59:59+01:00' });
    expect(f.kalla).toMatchObject({ installning: 'forhandsbedomningVuxen.paminnelse', varde: '2 veckor' });
  });

  it('Kronofogden: vardagen före avhysningsdagen när den är tidigare, och trettondedagen räknas inte', () => {
    // Given: beskedet måndag 2026-12-28, avhysning torsdag 2027-01-07; onsdag 01-06 är trettondedag jul
    const f = aktualisering({ mottagen: '2026-12-28T10:00:00+01:00', avhysningsdag: '2027-01-07' }, standard);
    // Then: tisdag 2027-01-05, inte 2027-01-11 (två veckor)
    expect(f.sistaDag).toBe('2027-01-05');
    expect(f.forfaller).toBe('2027-01-05T23:59:59+01:00');
    expect(f.grund.find((g) => g.styrande)?.handelse).toBe('avhysningsdag');
    expect(f.lagrum).toEqual(expect.arrayContaining(['handbok-forhandsbedomning', 'handbok-narvaro-avhysning']));
    expect(f.forklaring.join(' ')).toContain('tisdag 2027-01-05');
  });

  it('Kronofogden: avhysning efter långfredag och påsk – vardagen före är skärtorsdagen', () => {
    // Avhysning tisdag 2026-04-07: annandag påsk 04-06, långfredag 04-03 → torsdag 2026-04-02
    expect(aktualisering({ mottagen: '2026-03-30T08:00:00+02:00', avhysningsdag: '2026-04-07' }, standard).sistaDag).toBe('2026-04-02');
  });

  it('Kronofogden: kalenderns vanliga dag när den är tidigare än vardagen före avhysningen', () => {
    const f = aktualisering({ mottagen: '2026-11-30T09:00:00+01:00', avhysningsdag: '2027-02-15' }, standard);
    expect(f.sistaDag).toBe('2026-12-14');
    expect(f.grund.find((g) => g.styrande)?.handelse).toBe('mottagenUnderrattelse');
  });

  it('Kronofogden: aldrig före mottagandets dag (beskedet kom dagen före avhysningen)', () => {
    expect(aktualisering({ mottagen: '2026-12-04T15:00:00+01:00', avhysningsdag: '2026-12-04' }, standard).sistaDag).toBe('2026-12-04');
  });

  it('ett anstånd flyttar dagen: samma mottagande, ny avhysningsdag', () => {
    const fore = aktualisering({ mottagen: '2026-11-30T09:00:00+01:00', avhysningsdag: '2026-12-08' }, standard);
    const efter = aktualisering({ mottagen: '2026-11-30T09:00:00+01:00', avhysningsdag: '2026-12-11' }, standard);
    expect([fore.sistaDag, efter.sistaDag]).toEqual(['2026-12-07', '2026-12-10']);
  });
});

describe('kontrollera uppgifterna om hyresgästen (Kronofogden)', () => {
  it('förfaller samma svenska dag som beskedet togs emot', () => {
    const f = uppgiftskontrollKronofogden({ mottagen: '2026-12-04T22:30:00Z' });
    // 23:30 svensk tid fredag 2026-12-04
    expect(f).toMatchObject({ typ: 'uppgiftskontrollKronofogden', sistaDag: '2026-12-04', forfaller: '2026-12-04T23:59:59+01:00' });
    expect(f.lagrum).toContain('handbok-bekraftelse-kronofogden');
  });
});
