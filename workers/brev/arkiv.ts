/**
 * The letter archive in Bokvar's database (table `brev`, migration
 * 20261125_005_brev): each letter once, with its bytes and their SHA-256.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Brevtyp, Kanal, Mottagarroll } from '../../domain/brevtyper.ts';
import { postgresMessage } from '../../domain/database-error.ts';

export interface NyttBrev {
  arendenummer: string;
  processInstanceId: string;
  externalTaskId: string;
  typ: Brevtyp;
  mottagare: Mottagarroll;
  kanal: Kanal;
  mallversion: string;
  pdf: Buffer;
  frist?: { typ: string; senast: string; utdrag: Record<string, unknown> };
  efterFrist: boolean;
  skapad: Date;
}

export interface SparatBrev {
  id: string;
  mottagare: Mottagarroll;
  efterFrist: boolean;
}

export interface Brevrad {
  id: string;
  arendenummer: string;
  process_instance_id: string;
  external_task_id: string;
  typ: Brevtyp;
  mottagare: Mottagarroll;
  kanal: Kanal;
  mallversion: string;
  sha256: string;
  pdf: Buffer;
  fristtyp: string | null;
  frist_senast: Date | null;
  frist: Record<string, unknown> | null;
  efter_frist: boolean;
  skapad: Date;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class BrevarkivError extends Error {
  override name = 'BrevarkivError';
}

/** A database error becomes a readable technical failure, naming what could not be done. */
async function databas<T>(vad: string, arbete: () => Promise<T>): Promise<T> {
  try {
    return await arbete();
  } catch (error) {
    throw new BrevarkivError(`Brevarkivet: kunde inte ${vad} (${postgresMessage(error)})`, { cause: error });
  }
}

/** Letters a task already produced (a redelivered task finds them here). */
export async function sparadeBrev(db: Knex, externalTaskId: string, typ: Brevtyp): Promise<SparatBrev[]> {
  const rader = await databas('läsa brevarkivet', () =>
    db('brev').select('id', 'mottagare', 'efter_frist').where({ external_task_id: externalTaskId, typ }),
  );
  return rader.map((r) => ({ id: r.id, mottagare: r.mottagare, efterFrist: r.efter_frist }));
}

/**
 * Stores a task's letters together. A letter stored meanwhile by another
 * delivery of the same task wins: its row is returned and the new bytes dropped.
 */
export async function sparaBrev(db: Knex, brev: NyttBrev[]): Promise<SparatBrev[]> {
  return databas('spara brevet', () =>
    db.transaction(async (trx) => {
      const sparade: SparatBrev[] = [];
      for (const b of brev) {
        const [ny] = await trx('brev')
          .insert({
            id: randomUUID(),
            arendenummer: b.arendenummer,
            process_instance_id: b.processInstanceId,
            external_task_id: b.externalTaskId,
            typ: b.typ,
            mottagare: b.mottagare,
            kanal: b.kanal,
            mallversion: b.mallversion,
            sha256: sha256(b.pdf),
            pdf: b.pdf,
            fristtyp: b.frist?.typ ?? null,
            frist_senast: b.frist?.senast ?? null,
            frist: b.frist ? JSON.stringify(b.frist.utdrag) : null,
            efter_frist: b.efterFrist,
            skapad: b.skapad,
          })
          .onConflict(['external_task_id', 'typ', 'mottagare'])
          .ignore()
          .returning(['id', 'mottagare', 'efter_frist']);
        const rad =
          ny ??
          (await trx('brev')
            .first('id', 'mottagare', 'efter_frist')
            .where({ external_task_id: b.externalTaskId, typ: b.typ, mottagare: b.mottagare }));
        sparade.push({ id: rad.id, mottagare: rad.mottagare, efterFrist: rad.efter_frist });
      }
      return sparade;
    }),
  );
}

export async function hamtaBrev(db: Knex, id: string): Promise<Brevrad | undefined> {
  return db('brev').first('*').where({ id });
}
