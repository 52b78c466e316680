import { BREVKANALNAMN, BREVTYPNAMN, etikett, MOTTAGARNAMN } from '../../../../domain/etiketter.ts';
import { tidText } from '../../../../domain/svensk-tid.ts';
import { engineTimeMs } from '../../../../engine-rest/time.ts';
import type { BrevRad, Kallor } from '../facts.ts';
import type { Handelse } from '../types.ts';

/**
 * The letters Bokvar wrote: when, through which channel, the hash of the
 * archived document, when they were marked sent, and the deadline they served
 * against the deadline in force (`frister`: the deadline events already built).
 */
export function brevhandelser(k: Kallor, frister: Handelse[]): Handelse[] {
  const gallande = new Map<string, Handelse['frist']>();
  for (const f of frister) if (f.frist) gallande.set(f.frist.typ, f.frist);
  return k.brev.map((b): Handelse => ({
    typ: 'brev',
    tid: b.skapad.toISOString(),
    aktor: 'Bokvar (brev)',
    rubrik: `${etikett(BREVTYPNAMN, b.typ) ?? b.typ} till ${etikett(MOTTAGARNAMN, b.mottagare) ?? b.mottagare}`,
    text:
      `Skrivet ${tidText(b.skapad)}; kanal: ${etikett(BREVKANALNAMN, b.kanal) ?? b.kanal}; mall ${b.mallversion}; SHA-256 ${b.sha256}. ` +
      (b.skickad
        ? `Skickat ${tidText(b.skickad)}, registrerat av ${b.skickad_av ?? 'okänd'} ${tidText(b.skickad_registrerad ?? b.skickad)}.`
        : 'Inte markerat som skickat.') +
      (b.fristtyp && b.frist_senast
        ? ` Tjänade fristen ${gallande.get(b.fristtyp)?.benamning ?? b.fristtyp} (löpte ut ${tidText(b.frist_senast)}): ${brevIFristen(b)}.` +
          (gallande.get(b.fristtyp) && engineTimeMs(gallande.get(b.fristtyp)!.senast) !== b.frist_senast.getTime()
            ? ` OBS: brevet bygger på en beräkning av fristen som sedan ersatts (gällande frist löper ut ${tidText(gallande.get(b.fristtyp)!.senast)}).`
            : '')
        : ''),
    lagrum: [],
    brev: {
      id: b.id,
      typ: b.typ,
      mottagare: b.mottagare,
      kanal: b.kanal,
      sha256: b.sha256,
      mallversion: b.mallversion,
      fristtyp: b.fristtyp,
      fristSenast: b.frist_senast?.toISOString() ?? null,
      efterFrist: b.efter_frist,
      skickad: b.skickad?.toISOString() ?? null,
      skickadAv: b.skickad_av ?? null,
      skickadRegistrerad: b.skickad_registrerad?.toISOString() ?? null,
    },
  }));
}

/** A letter against the deadline it served, counted on when it was sent (written is not sent). */
function brevIFristen(b: BrevRad): string {
  if (b.skickad) return b.frist_senast && b.skickad.getTime() >= b.frist_senast.getTime() ? 'skickat EFTER fristen' : 'skickat i tid';
  return b.efter_frist ? 'skrivet EFTER fristen, inte markerat som skickat' : 'skrivet i tid, inte markerat som skickat';
}
