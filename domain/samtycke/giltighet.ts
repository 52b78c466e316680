import type { Mottagare } from './mottagare.ts';
import type { Syfte } from './syften.ts';

/**
 * The rule for when a consent holds, in one place and without a database, so
 * that it can be tested exhaustively. The register (register.ts) reads a
 * person's consents and revocations and asks here.
 */

export type Samtyckesform = 'skriftligt' | 'muntligt';

export interface Samtycke {
  id: string;
  mottagare: Mottagare[];
  syften: Syfte[];
  form: Samtyckesform;
  lamnat: Date;
  /** The first moment the consent no longer holds; null: until further notice. */
  giltigtTill: Date | null;
  /** What the consent covers, in the form's words (free text). */
  anteckning: string | null;
  dokumenteratAv: string;
  arendenummer: string | null;
  skapad: Date;
}

export interface Aterkallelse {
  id: string;
  /** One consent, or null: every consent the person gave before the revocation. */
  samtyckeId: string | null;
  /** The revoked recipients; null: all. */
  mottagare: Mottagare[] | null;
  /** The revoked purposes; null: all. */
  syften: Syfte[] | null;
  aterkallat: Date;
}

export interface Fraga {
  mottagare: Mottagare;
  syfte: Syfte;
  vid: Date;
}

/** Why no consent holds, seen from the most recently given one that covers the question. */
export type Orsak = 'saknas' | 'inte-lamnat-an' | 'utgatt' | 'aterkallat';

export type Bedomning = { giltigt: Samtycke } | { giltigt: null; orsak: Orsak };

export function omfattar(samtycke: Samtycke, mottagare: Mottagare, syfte: Syfte): boolean {
  return samtycke.mottagare.includes(mottagare) && samtycke.syften.includes(syfte);
}

/** The revocation takes (recipient, purpose) out of the consent from its own moment on. */
export function aterkallar(aterkallelse: Aterkallelse, samtycke: Samtycke, mottagare: Mottagare, syfte: Syfte): boolean {
  return (
    (aterkallelse.samtyckeId === null || aterkallelse.samtyckeId === samtycke.id) &&
    samtycke.lamnat.getTime() <= aterkallelse.aterkallat.getTime() &&
    (aterkallelse.mottagare === null || aterkallelse.mottagare.includes(mottagare)) &&
    (aterkallelse.syften === null || aterkallelse.syften.includes(syfte))
  );
}

/** The consent's state for a question: valid, or why not. */
export function lage(samtycke: Samtycke, aterkallelser: readonly Aterkallelse[], fraga: Fraga): Orsak | 'giltigt' {
  const { mottagare, syfte, vid } = fraga;
  if (!omfattar(samtycke, mottagare, syfte)) return 'saknas';
  if (samtycke.lamnat.getTime() > vid.getTime()) return 'inte-lamnat-an';
  const aterkallat = aterkallelser.some((a) => a.aterkallat.getTime() <= vid.getTime() && aterkallar(a, samtycke, mottagare, syfte));
  if (aterkallat) return 'aterkallat';
  if (samtycke.giltigtTill !== null && samtycke.giltigtTill.getTime() <= vid.getTime()) return 'utgatt';
  return 'giltigt';
}

/**
 * Is there a valid consent for (recipient, purpose) at the moment? When several
 * hold, the most recently given one is the basis: the person's latest word.
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
 * The consents a new revocation makes invalid for at least one (recipient,
 * purpose): those that held for it just when it was given.
 */
export function paverkade(samtycken: readonly Samtycke[], tidigare: readonly Aterkallelse[], ny: Aterkallelse): Samtycke[] {
  return samtycken.filter((samtycke) =>
    samtycke.mottagare.some((mottagare) =>
      samtycke.syften.some(
        (syfte) =>
          aterkallar(ny, samtycke, mottagare, syfte) && lage(samtycke, tidigare, { mottagare, syfte, vid: ny.aterkallat }) === 'giltigt',
      ),
    ),
  );
}
