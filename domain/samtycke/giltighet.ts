import type { Mottagare } from './mottagare.ts';
import type { Syfte } from './syften.ts';

/**
 * Regeln för när ett samtycke gäller – på ett ställe, utan databas, så att den
 * kan prövas uttömmande. Registret (register.ts) hämtar en persons samtycken och
 * återkallelser och frågar här.
 */

export type Samtyckesform = 'skriftligt' | 'muntligt';

export interface Samtycke {
  id: string;
  mottagare: Mottagare[];
  syften: Syfte[];
  form: Samtyckesform;
  lamnat: Date;
  /** Första ögonblicket då samtycket inte längre gäller; null = tills vidare. */
  giltigtTill: Date | null;
  /** Vad samtycket omfattar, med formulärets ord (fritext). */
  anteckning: string | null;
  dokumenteratAv: string;
  arendenummer: string | null;
  skapad: Date;
}

export interface Aterkallelse {
  id: string;
  /** Ett visst samtycke, eller null: alla personens samtycken lämnade före återkallelsen. */
  samtyckeId: string | null;
  /** Återkallade mottagare; null = alla. */
  mottagare: Mottagare[] | null;
  /** Återkallade syften; null = alla. */
  syften: Syfte[] | null;
  aterkallat: Date;
}

export interface Fraga {
  mottagare: Mottagare;
  syfte: Syfte;
  vid: Date;
}

/** Varför inget samtycke gäller, sett från det senast lämnade som omfattar frågan. */
export type Orsak = 'saknas' | 'inte-lamnat-an' | 'utgatt' | 'aterkallat';

export type Bedomning = { giltigt: Samtycke } | { giltigt: null; orsak: Orsak };

export function omfattar(samtycke: Samtycke, mottagare: Mottagare, syfte: Syfte): boolean {
  return samtycke.mottagare.includes(mottagare) && samtycke.syften.includes(syfte);
}

/** Återkallelsen tar bort (mottagare, syfte) ur samtycket från och med sitt datum. */
export function aterkallar(aterkallelse: Aterkallelse, samtycke: Samtycke, mottagare: Mottagare, syfte: Syfte): boolean {
  return (
    (aterkallelse.samtyckeId === null || aterkallelse.samtyckeId === samtycke.id) &&
    samtycke.lamnat.getTime() <= aterkallelse.aterkallat.getTime() &&
    (aterkallelse.mottagare === null || aterkallelse.mottagare.includes(mottagare)) &&
    (aterkallelse.syften === null || aterkallelse.syften.includes(syfte))
  );
}

/** Samtyckets läge för en fråga: giltigt, eller varför inte. */
export function lage(samtycke: Samtycke, aterkallelser: readonly Aterkallelse[], fraga: Fraga): Orsak | 'giltigt' {
  const { mottagare, syfte, vid } = fraga;
  if (!omfattar(samtycke, mottagare, syfte)) return 'saknas';
  if (samtycke.lamnat.getTime() > vid.getTime()) return 'inte-lamnat-an';
  const aterkallat = aterkallelser.some(
    (a) => a.aterkallat.getTime() <= vid.getTime() && aterkallar(a, samtycke, mottagare, syfte),
  );
  if (aterkallat) return 'aterkallat';
  if (samtycke.giltigtTill !== null && samtycke.giltigtTill.getTime() <= vid.getTime()) return 'utgatt';
  return 'giltigt';
}

/**
 * Finns ett giltigt samtycke för (mottagare, syfte) vid tidpunkten? Gäller flera
 * är det senast lämnade underlaget – personens senaste besked.
 */
export function bedom(samtycken: readonly Samtycke[], aterkallelser: readonly Aterkallelse[], fraga: Fraga): Bedomning {
  const omfattande = samtycken
    .filter((s) => omfattar(s, fraga.mottagare, fraga.syfte))
    .sort((a, b) => b.lamnat.getTime() - a.lamnat.getTime() || b.skapad.getTime() - a.skapad.getTime());
  const giltigt = omfattande.find((s) => lage(s, aterkallelser, fraga) === 'giltigt');
  if (giltigt) return { giltigt };
  const senaste = omfattande[0];
  if (!senaste) return { giltigt: null, orsak: 'saknas' };
  return { giltigt: null, orsak: lage(senaste, aterkallelser, fraga) as Orsak };
}

/**
 * De samtycken som en ny återkallelse gör ogiltiga för minst en (mottagare,
 * syfte): de som gällde för den precis när den lämnades.
 */
export function paverkade(samtycken: readonly Samtycke[], tidigare: readonly Aterkallelse[], ny: Aterkallelse): Samtycke[] {
  return samtycken.filter((samtycke) =>
    samtycke.mottagare.some((mottagare) =>
      samtycke.syften.some(
        (syfte) =>
          aterkallar(ny, samtycke, mottagare, syfte) &&
          lage(samtycke, tidigare, { mottagare, syfte, vid: ny.aterkallat }) === 'giltigt',
      ),
    ),
  );
}
