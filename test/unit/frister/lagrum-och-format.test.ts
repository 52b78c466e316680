import { describe, expect, it } from 'vitest';
import {
  type Frist,
  LAGRUM,
  LAGRUM_IDN,
  arLagrumId,
  atervinningsfrist,
  avhysning,
  bekraftelseKronofogden,
  citera,
  gallande,
  forhandsbedomningBarn,
  forhandsbedomningVuxen,
  svarUppfoljning,
  tidigastAvhysningsbeslut,
  uppfoljning,
} from '../../../frister/index.ts';
import { standard } from './stod.ts';

/** En frist av varje slag, med ett rättat meddelande och en förlängning för att få med alla hänvisningar. */
function allaFrister(): Frist[] {
  const a = atervinningsfrist({
    delgivningsdatum: '2026-12-04',
    mottagenSocialnamnden: '2026-12-01',
    ersatter: { mottagen: '2026-11-27' },
  });
  const k = bekraftelseKronofogden({ mottagen: '2026-12-01T15:00:00+01:00' }, standard);
  const v = forhandsbedomningVuxen(
    { mottagen: '2026-12-01', forlangning: { skal: 'särskilt skäl', tid: { varde: 6, enhet: 'veckor' } } },
    standard,
  );
  const h = avhysning({ avhysningsdag: '2026-12-10' }, standard);
  return [
    a,
    tidigastAvhysningsbeslut(a),
    k.bekraftelse,
    k.eskalering,
    v.paminnelse,
    v.eskalering,
    forhandsbedomningBarn({ mottagen: '2026-12-01' }),
    h.narvaro,
    ...h.paminnelser,
    uppfoljning({ avslutad: '2026-12-01' }, standard),
    svarUppfoljning({ start: '2026-12-01T09:15:00+01:00' }, standard),
  ];
}

describe('lagrumskatalogen', () => {
  it('innehåller de lagrum fristerna bygger på', () => {
    for (const id of [
      'jb-12-42-1',
      'jb-12-42-9',
      'jb-12-25a',
      'jb-12-43',
      'jb-12-44-1',
      'jb-12-44-2',
      'jb-12-44-4-1',
      'lag-1930-173-1',
      'lag-1930-173-2',
      'lag-1989-253',
      'ub-16',
      'sol-2025-400-20-2',
      'osl-26-1',
      'osl-12-2',
      'osl-10-1',
      'osl-26-9',
      'rf-2-6',
      'sof-5-4',
    ]) {
      expect(arLagrumId(id), id).toBe(true);
    }
  });

  it('märker det som inte är verifierat: SoF-hänvisningen, 2 § på 44 §, SoL:s nya nummer', () => {
    expect(LAGRUM['sof-5-4'].verifierad).toBe(false);
    expect(LAGRUM['lag-1930-173-2-jb-12-44'].verifierad).toBe(false);
    expect(LAGRUM['sol-2001-453-11-1'].verifierad).toBe(false);
    expect(LAGRUM['sol-2025-400-20-2'].verifierad).toBe(true);
    expect(citera('sof-5-4')).toBe('5 kap. 4 § SoF (ej verifierad)');
    expect(citera('jb-12-44-1')).toBe('12 kap. 44 § första stycket jordabalken');
  });

  it('varje post har id, kortform, källa och sammanfattning; overifierade poster säger varför', () => {
    for (const id of LAGRUM_IDN) {
      const p = LAGRUM[id];
      expect(p.id).toBe(id);
      expect(p.kortform.length).toBeGreaterThan(0);
      expect(p.kalla.length).toBeGreaterThan(0);
      expect(p.sammanfattning.length).toBeGreaterThan(0);
      if (!p.verifierad) expect(p.anmarkning, id).toBeTruthy();
    }
  });
});

describe('varje beräknad frist', () => {
  const ISO_MED_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

  it('har tidpunkter i ISO 8601 med offset (Camunda timeDate / dueDate) och svensk offset', () => {
    for (const f of allaFrister()) {
      expect(f.senast, f.typ).toMatch(ISO_MED_OFFSET);
      expect(f.forfaller, f.typ).toMatch(ISO_MED_OFFSET);
      expect(f.senast.slice(19)).toMatch(/^\+0[12]:00$/);
    }
  });

  it('en dagsfrist: senast är 00:00 dagen efter sista dagen, förfaller 23:59:59 sista dagen', () => {
    for (const f of allaFrister().filter((x) => x.slag === 'frist')) {
      expect(f.sistaDag, f.typ).toBeDefined();
      expect(f.forfaller.slice(0, 19), f.typ).toBe(`${f.sistaDag}T23:59:59`);
      expect(f.senast.slice(11, 19), f.typ).toBe('00:00:00');
      expect(f.senast > f.forfaller.slice(0, 10)).toBe(true);
    }
  });

  it('säger vad som startade den, citerar katalogen och – för inställda tider – inställningens källa', () => {
    for (const f of allaFrister()) {
      expect(f.grund.length, f.typ).toBeGreaterThan(0);
      expect(
        f.grund.some((g) => g.styrande),
        f.typ,
      ).toBe(true);
      expect(f.lagrum.length, f.typ).toBeGreaterThan(0);
      for (const id of f.lagrum) expect(arLagrumId(id), `${f.typ}: ${id}`).toBe(true);
      expect(f.forklaring.length, f.typ).toBeGreaterThan(0);
      if (f.art === 'lag' || f.art === 'information' || f.typ === 'avhysningNarvaro' || f.typ === 'bekraftelseKronofogden') {
        expect(f.kalla, f.typ).toBeUndefined();
      } else {
        expect(f.kalla?.text, f.typ).toBeTruthy();
      }
    }
  });

  it('är ren data som tål JSON (för Camunda-variabler och revisionsloggen)', () => {
    for (const f of allaFrister()) expect(JSON.parse(JSON.stringify(f))).toEqual(f);
  });
});

describe('värdens tidszon spelar ingen roll', () => {
  it('samma svar när processens TZ byts mellan UTC, New York, Tokyo och Stockholm', () => {
    const original = process.env['TZ'];
    const svar: string[] = [];
    const offsetar: number[] = [];
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Stockholm']) {
        // Given: en annan tidszon för värden (Node läser om TZ när den ändras)
        process.env['TZ'] = tz;
        offsetar.push(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset());
        // When: samma frister räknas
        svar.push(JSON.stringify(allaFrister().map((f) => [f.sistaDag, f.senast, f.forfaller])));
      }
    } finally {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    }
    // Then: värdens tidszon bytte verkligen (0, 300, −540, −60 minuter) – och svaren är identiska
    expect(offsetar).toEqual([0, 300, -540, -60]);
    expect(new Set(svar).size).toBe(1);
  });
});

describe('upphävda bestämmelser (socialtjänstlagen 2001:453) och deras efterträdare', () => {
  it('varje ersatt post pekar på poster i katalogen som gäller, och gallande() ger dem', () => {
    expect(gallande('sol-2001-453-11-1')).toEqual(['sol-2025-400-14-2']);
    expect(gallande('sol-2001-453-5-1')).toEqual(['sol-2025-400-18-1']);
    expect(gallande('sol-2001-453-4-1')).toEqual(['sol-2025-400-12-1', 'sol-2025-400-11-1']);
    expect(gallande('sol-2001-453-9-2')).toEqual(['sol-2025-400-33-2']);
    expect(gallande('osl-26-1')).toEqual(['osl-26-1']);
    for (const id of LAGRUM_IDN) {
      for (const e of LAGRUM[id].ersattAv ?? []) {
        expect(arLagrumId(e), `${id} → ${e}`).toBe(true);
        expect(LAGRUM[e as typeof id].ersattAv, `${e} gäller`).toBeUndefined();
      }
    }
  });

  it('citerar den gällande lagen som gällande rätt; kopplingen till det gamla numret står i anmärkningen', () => {
    expect(citera('sol-2025-400-14-2')).toBe('14 kap. 2 § socialtjänstlagen (2025:400)');
    expect(LAGRUM['sol-2025-400-14-2'].anmarkning).toMatch(/Ersätter 11 kap\. 1 §.*inte verifierad/);
    for (const id of LAGRUM_IDN) if (LAGRUM[id].sfs === '2025:400') expect(citera(id), id).not.toMatch(/2001:453/);
  });
});
