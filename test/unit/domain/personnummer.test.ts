import { describe, expect, it } from 'vitest';
import { hyresgastSchema } from '../../../domain/arendevariabler.ts';
import { alder, kontrollsiffra, tolkaPersonnummer, type Personnummer } from '../../../domain/personnummer.ts';

describe('personnummer', () => {
  it('accepts the 12-digit form with or without hyphen and normalises it', () => {
    expect(tolkaPersonnummer('19121212-1212')).toEqual({ ok: true, varde: '191212121212' });
    expect(tolkaPersonnummer('191212121212')).toEqual({ ok: true, varde: '191212121212' });
  });

  it('names what is wrong', () => {
    expect(tolkaPersonnummer('121212-1212')).toEqual({ ok: false, fel: 'format' });
    expect(tolkaPersonnummer('19121212-1213')).toEqual({ ok: false, fel: 'kontrollsiffra' });
    expect(tolkaPersonnummer('19121312-1212')).toEqual({ ok: false, fel: 'datum' });
    expect(tolkaPersonnummer('20230229-0000')).toEqual({ ok: false, fel: 'datum' });
  });

  it('accepts samordningsnummer (day + 60)', () => {
    const nio = '121272121';
    expect(tolkaPersonnummer(`19${nio.slice(0, 6)}-${nio.slice(6)}${kontrollsiffra(nio)}`).ok).toBe(true);
  });

  it('computes the age on a given day', () => {
    expect(alder('201506154538' as Personnummer, '2026-06-14')).toBe(10);
    expect(alder('201506154538' as Personnummer, '2026-06-15')).toBe(11);
  });

  it('gives a Swedish, value-free message in the case schemas', () => {
    const result = hyresgastSchema.safeParse({ personnummer: '19121212-1213', namn: 'Test' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['personnummer'], message: 'Personnumret har fel kontrollsiffra' });
  });
});
