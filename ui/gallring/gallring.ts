import type { Knex } from 'knex';
import { SKYDDADE_ADRESSER } from '../../domain/skyddad-adress.ts';
import type { EngineRest } from '../../engine-rest/client.ts';
import { HistoryQueries } from '../../engine-rest/history.ts';
import { engineTimeMs } from '../../engine-rest/time.ts';

/**
 * Gallring of Bokvar's own tables, following the engine's history cleanup.
 *
 * The engine keeps a case's history until its removal time (the root process
 * instance's end plus the history time to live, which provisioning sets from
 * BOKVAR_HISTORIK_TTL on every definition) and then removes it in its night
 * window. Bokvar removes a case's rows — read log, letters, the case register
 * row, and the consent records of persons who have no other case — only when
 *   1. the case ended and Bokvar has seen the engine's removal time for it,
 *   2. that removal time has passed, and
 *   3. the engine holds no history of the case any more.
 * So nothing of a case leaves Bokvar while the engine still holds its history,
 * and the audit trail (read log, consents) never goes before the case history.
 * A case whose end Bokvar never saw is never culled automatically.
 *
 * The append-only triggers let a DELETE through only for the case or person
 * the transaction names in `bokvar.gallring` (migration 012); only this module
 * sets it, transaction-locally.
 */
export interface Gallringsresultat {
  /** Cases whose end (and removal time) was noted or refreshed this run. */
  noterade: number;
  gallrade: string[];
  /** Cases whose culling failed (rolled back; tried again next run). */
  misslyckade: string[];
  /** Ended cases that stay: removal time not passed, or the engine still holds their history. */
  kvar: number;
  stickprov: number;
  sessioner: number;
}

const BATCH = 500;

/** Absent is null; text that is no time becomes an Invalid Date, which the database refuses, not a quiet null. */
const tid = (s: string | null): Date | null => (s ? new Date(engineTimeMs(s)) : null);

export async function gallra(db: Knex, engine: EngineRest, ttlDagar: number, nu = new Date()): Promise<Gallringsresultat> {
  const history = new HistoryQueries(engine);
  const noterade = await noteraAvslutade(db, history);
  const kandidater = await db('arenden')
    .whereNotNull('avslutad')
    .whereNotNull('gallras_efter')
    .where('gallras_efter', '<=', nu)
    .orderBy('arendenummer')
    .pluck<string[]>('arendenummer');
  const gallrade: string[] = [];
  const misslyckade: string[] = [];
  for (const nr of kandidater) {
    if ((await history.processInstanceCount({ processInstanceBusinessKey: nr })) > 0) continue;
    // One case's failure (its transaction is rolled back) does not stop the others.
    try {
      if (await gallraArende(db, nr)) gallrade.push(nr);
    } catch {
      misslyckade.push(nr);
    }
  }
  const [{ count: kvar }] = (await db('arenden').whereNotNull('avslutad').count('* as count')) as [{ count: string }];
  return {
    noterade,
    gallrade,
    misslyckade,
    kvar: Number(kvar),
    stickprov: await gallraStickprov(db, ttlDagar, nu),
    sessioner: await db('sessioner').where('utgar', '<', nu).delete(),
  };
}

/**
 * Notes when each case's root instance ended and the engine's removal time,
 * while the engine still has them. Ended cases are asked again on every run
 * until culled, so a removal time changed in the engine is followed.
 */
async function noteraAvslutade(db: Knex, history: HistoryQueries): Promise<number> {
  let noterade = 0;
  let efter = '';
  for (;;) {
    const rader = await db('arenden')
      .whereNotNull('process_instance_id')
      .where('arendenummer', '>', efter)
      .orderBy('arendenummer')
      .limit(BATCH)
      .select<{ arendenummer: string; process_instance_id: string; avslutad: Date | null; gallras_efter: Date | null }[]>(
        'arendenummer',
        'process_instance_id',
        'avslutad',
        'gallras_efter',
      );
    if (rader.length === 0) return noterade;
    efter = rader[rader.length - 1]!.arendenummer;
    const avslutade = await history.processInstances({ processInstanceIds: rader.map((r) => r.process_instance_id), finished: true });
    const perInstans = new Map(avslutade.map((h) => [h.id, h]));
    for (const rad of rader) {
      const h = perInstans.get(rad.process_instance_id);
      if (!h?.endTime) continue;
      const avslutad = tid(h.endTime);
      const gallrasEfter = tid(h.removalTime);
      if (rad.avslutad?.getTime() === avslutad?.getTime() && rad.gallras_efter?.getTime() === gallrasEfter?.getTime()) continue;
      await db('arenden').where({ arendenummer: rad.arendenummer }).update({ avslutad, gallras_efter: gallrasEfter });
      noterade += 1;
    }
  }
}

/** Removes one case's rows in one transaction and records that it did. False: someone else got there first. */
async function gallraArende(db: Knex, nr: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    const arende = await trx('arenden')
      .where({ arendenummer: nr })
      .forUpdate()
      .first<{ personnummer: string | null; avslutad: Date; gallras_efter: Date } | undefined>();
    if (!arende) return false;
    await trx.raw(`SELECT set_config('bokvar.gallring', ?, true)`, [`arende:${nr}`]);
    const lasloggar = await trx('lasloggar').where({ arendenummer: nr }).delete();
    const brev = await trx('brev').where({ arendenummer: nr }).delete();
    // A protected tenant's address (skyddade_adresser) is the case's and goes with it.
    const skyddadeAdresser = await trx(SKYDDADE_ADRESSER).where({ arendenummer: nr }).delete();
    // The record of which events came in (arendehandelser) holds no content, and goes with the case.
    await trx('arendehandelser').where({ arendenummer: nr }).delete();
    // Which versions the case's instances were migrated between goes with the case.
    await trx('processmigreringar').where({ arendenummer: nr }).delete();

    // Consent records belong to a person and may serve any of the person's
    // cases: they go with the person's last case, never before.
    const personer = new Set<string>(arende.personnummer ? [arende.personnummer] : []);
    for (const tabell of ['samtycken', 'samtycke_aterkallelser']) {
      for (const p of await trx(tabell).where({ arendenummer: nr }).distinct().pluck<string[]>('personnummer')) personer.add(p);
    }
    let samtycken = 0;
    let aterkallelser = 0;
    for (const personnummer of personer) {
      const annatArende = await trx('arenden')
        .whereNot({ arendenummer: nr })
        .where((q) =>
          q
            .where({ personnummer })
            .orWhereIn('arendenummer', trx('samtycken').where({ personnummer }).whereNotNull('arendenummer').select('arendenummer'))
            .orWhereIn(
              'arendenummer',
              trx('samtycke_aterkallelser').where({ personnummer }).whereNotNull('arendenummer').select('arendenummer'),
            ),
        )
        .first('arendenummer');
      if (annatArende) continue;
      await trx.raw(`SELECT set_config('bokvar.gallring', ?, true)`, [`person:${personnummer}`]);
      aterkallelser += await trx('samtycke_aterkallelser').where({ personnummer }).delete();
      samtycken += await trx('samtycken').where({ personnummer }).delete();
    }

    // The case index's row (state only, no personal data) goes with the case.
    await trx('arendeindex').where({ arendenummer: nr }).delete();
    await trx('arenden').where({ arendenummer: nr }).delete();
    await trx('gallringar').insert({
      arendenummer: nr,
      avslutad: arende.avslutad,
      gallras_efter: arende.gallras_efter,
      rader: { lasloggar, brev, skyddade_adresser: skyddadeAdresser, samtycken, samtycke_aterkallelser: aterkallelser, arenden: 1 },
    });
    return true;
  });
}

/**
 * A draw documents the review of the rows it drew: it goes when none of them
 * is left in the read log. A draw that found no rows goes after the setting's
 * time from when it was drawn.
 */
async function gallraStickprov(db: Knex, ttlDagar: number, nu: Date): Promise<number> {
  return db.transaction(async (trx) => {
    await trx.raw(`SELECT set_config('bokvar.gallring', 'stickprov', true)`);
    const result = await trx.raw(
      `DELETE FROM stickprov s
        WHERE (cardinality(s.rad_ids) > 0 AND NOT EXISTS (SELECT 1 FROM lasloggar l WHERE l.id = ANY(s.rad_ids)))
           OR (cardinality(s.rad_ids) = 0 AND s.tidpunkt < ?::timestamptz - make_interval(days => ?))`,
      [nu, ttlDagar],
    );
    return (result as { rowCount: number }).rowCount;
  });
}
