import type { Knex } from 'knex';

/**
 * Written versus sent (docs/brev.md, "Skickat"): Bokvar writes a letter, the
 * registry sends it and registers that it did. One function for every way a
 * letter is marked sent — the API (`POST /api/brev/{id}/skickad`), the case
 * page's button, and the samordnare's task when the åtagande was not marked in
 * time (worker `markera-brev-skickat`) — so that they all set the same fields,
 * once (the table's trigger refuses anything else).
 */

/** A sent time a little ahead of Bokvar's clock (the registry's, the browser's) still counts as now. */
export const KLOCKMARGINAL_MS = 60_000;

export type Skickat = { skickad: Date; skickadAv: string; skickadRegistrerad: Date };

export type BrevForSkickat = {
  id: string;
  arendenummer: string;
  processInstanceId: string;
  typ: string;
  skapad: Date;
} & ({ skickat: Skickat } | { skickat: null });

export type Markering =
  /** The letter was marked now. */
  | { utfall: 'markerat'; brev: BrevForSkickat & { skickat: Skickat } }
  /** Marked before with the same sent time: nothing changes. */
  | { utfall: 'redan-markerat'; brev: BrevForSkickat & { skickat: Skickat } }
  /** Marked before with another sent time: nothing changes. */
  | { utfall: 'konflikt'; brev: BrevForSkickat & { skickat: Skickat } }
  | { utfall: 'saknas' };

type Rad = {
  id: string;
  arendenummer: string;
  process_instance_id: string;
  typ: string;
  skapad: Date;
  skickad: Date | null;
  skickad_av: string | null;
  skickad_registrerad: Date | null;
};

const KOLUMNER = ['id', 'arendenummer', 'process_instance_id', 'typ', 'skapad', 'skickad', 'skickad_av', 'skickad_registrerad'];

function tolka(r: Rad): BrevForSkickat {
  const grund = { id: r.id, arendenummer: r.arendenummer, processInstanceId: r.process_instance_id, typ: r.typ, skapad: r.skapad };
  return r.skickad && r.skickad_av && r.skickad_registrerad
    ? { ...grund, skickat: { skickad: r.skickad, skickadAv: r.skickad_av, skickadRegistrerad: r.skickad_registrerad } }
    : { ...grund, skickat: null };
}

export async function hamtaBrevForSkickat(db: Knex, id: string): Promise<BrevForSkickat | undefined> {
  const rad = await db('brev').where({ id }).first<Rad | undefined>(KOLUMNER);
  return rad ? tolka(rad) : undefined;
}

/**
 * Marks the letter sent at `skickad` (null: now) by `av`. Idempotent: a repeat
 * without a time, or with the registered one, answers with the first
 * registration; a repeat with another time is a conflict and changes nothing.
 * Two concurrent marks: the row lock lets one set the fields; the other reads them.
 */
export async function markeraSkickat(db: Knex, id: string, skickad: Date | null, av: string, nu = new Date()): Promise<Markering> {
  return db.transaction(async (trx) => {
    const rad = await trx('brev').where({ id }).forUpdate().first<Rad | undefined>(KOLUMNER);
    if (!rad) return { utfall: 'saknas' };
    const brev = tolka(rad);
    if (brev.skickat) {
      const samma = skickad === null || brev.skickat.skickad.getTime() === skickad.getTime();
      return { utfall: samma ? 'redan-markerat' : 'konflikt', brev };
    }
    const [ny] = await trx('brev')
      .where({ id })
      .update({ skickad: skickad ?? nu, skickad_av: av, skickad_registrerad: nu })
      .returning<Rad[]>(KOLUMNER);
    return { utfall: 'markerat', brev: tolka(ny!) as BrevForSkickat & { skickat: Skickat } };
  });
}
