import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidInputError } from '../../../workers/errors.ts';
import { planeraBrev } from '../../../workers/brev/brev.ts';
import { brevIndata } from '../../../workers/brev/indata.ts';
import { describeIssues } from '../../../workers/run-safely.ts';
import { avsandare, indata, variabler } from './stod.ts';

z.config(z.locales.sv());
const sammanhang = { arendenummer: 'BV-2026-9', avsandare, skapad: new Date('2026-12-14T12:00:00+01:00') };

function fel(brevtyp: Parameters<typeof indata>[0], andra: Record<string, unknown>): string {
  try {
    planeraBrev(indata(brevtyp, andra), sammanhang);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected an InvalidInputError');
}

describe('what each letter type needs', () => {
  it('names every missing variable with the letter type, at once', () => {
    expect(fel('bekraftelse-kronofogden', { malnummer: null, avhysningsdatum: undefined, fristunderlag: {} })).toBe(
      'fristunderlag.bekraftelseKronofogden: krävs för brevtypen bekraftelse-kronofogden (beräkna fristen med berakna-frister först); ' +
        'avhysningsdatum: krävs för brevtypen bekraftelse-kronofogden; malnummer: krävs för brevtypen bekraftelse-kronofogden',
    );
    expect(fel('atagande-betalningsansvar', { hyresvard: undefined, hyresvardAdress: undefined, hyresskuld: undefined })).toMatch(
      /^hyresvardAdress: krävs.*; hyresvard: krävs.*; hyresskuld: krävs för brevtypen atagande-betalningsansvar$/,
    );
    expect(fel('hembesok', { hembesokTid: undefined })).toBe('hembesokTid: krävs för brevtypen hembesok');
  });

  it('needs the address for letters to the tenant, unless the tenant is protected', () => {
    for (const typ of ['informationsbrev', 'hembesok', 'bekraftelse-kronofogden', 'erbjudande-uppfoljning'] as const) {
      expect(fel(typ, { adress: undefined })).toContain(`adress: krävs för brevtypen ${typ}`);
    }
    expect(() => planeraBrev(indata('atagande-betalningsansvar', { adress: undefined }), sammanhang)).not.toThrow();
  });

  it('needs the återvinningsfrist for the åtagande, and names a malformed deadline field', () => {
    expect(fel('atagande-betalningsansvar', { fristunderlag: {} })).toContain(
      'fristunderlag.atervinningsfrist: krävs för brevtypen atagande-betalningsansvar',
    );
    const trasig = {
      atervinningsfrist: { typ: 'atervinningsfrist', senast: 'i morgon', forfaller: '2026-12-23T23:59:59+01:00', lagrum: [] },
    };
    expect(fel('atagande-betalningsansvar', { fristunderlag: trasig })).toMatch(/^fristunderlag\.atervinningsfrist\.senast: /);
  });

  it('validates the variables themselves with messages that name them (and never their values)', () => {
    const res = brevIndata.safeParse(
      variabler('hembesok', { brevtyp: 'vykort', hyresgast: { personnummer: '19851212-1212', namn: 'Märta' }, hembesokTid: 'på torsdag' }),
    );
    expect(res.success).toBe(false);
    const text = describeIssues(res.error!);
    expect(text).toContain('brevtyp: ');
    expect(text).toContain('hyresgast.personnummer: Personnumret har fel kontrollsiffra');
    expect(text).toContain('hembesokTid: ');
    expect(text).not.toContain('19851212');
    expect(text).not.toContain('på torsdag');
  });

  it('never assumes an address may be printed: an identity the register has not cleared is treated as protected', () => {
    // Kronofogden's same-day confirmation does not wait for the register
    for (const skyddadIdentitet of [undefined, null]) {
      const res = brevIndata.safeParse(variabler('bekraftelse-kronofogden', { skyddadIdentitet }));
      expect(res.success).toBe(true);
      expect(res.data!.skyddadIdentitet).toBe(true);
    }
    expect(brevIndata.parse(variabler('informationsbrev', { skyddadIdentitet: false })).skyddadIdentitet).toBe(false);
    expect(brevIndata.safeParse(variabler('informationsbrev', { skyddadIdentitet: 'nej' })).success).toBe(false);
  });

  it('reads the times forms and models write', () => {
    for (const hembesokTid of [
      '2026-12-17T13:30+01:00',
      '2026-12-17T13:30:00+01:00',
      '2026-12-17T12:30:00.000Z',
      '2026-12-17T13:30',
      new Date('2026-12-17T12:30:00Z'),
    ]) {
      const [brev] = planeraBrev(indata('hembesok', { hembesokTid }), sammanhang);
      expect(JSON.stringify(brev!.dokument.text.stycken)).toContain('torsdagen den 17 december 2026 kl. 13.30');
    }
  });
});

describe('channels', () => {
  it('brevkanal upgrades a postal letter to registered, and never downgrades the åtagande', () => {
    const [info] = planeraBrev(indata('informationsbrev', { brevkanal: 'rekommenderat' }), sammanhang);
    const [atagande] = planeraBrev(indata('atagande-betalningsansvar', { brevkanal: 'post' }), sammanhang);
    const [kronofogden, kopia] = planeraBrev(indata('bekraftelse-kronofogden', { brevkanal: 'rekommenderat' }), sammanhang);
    expect(info!.kanal).toBe('rekommenderat');
    expect(info!.dokument.markering).toBe('REKOMMENDERAT BREV');
    expect(atagande!.kanal).toBe('rekommenderat');
    expect(kronofogden!.kanal).toBe('epost-myndighet');
    expect(kopia!.kanal).toBe('rekommenderat');
  });
});
