import type { Knex } from 'knex';
import type { EngineRest } from '../../engine-rest/client.ts';
import { HistoryQueries, type HistoricActivityInstanceQuery } from '../../engine-rest/history.ts';
import { RuntimeQueries, type TaskQuery } from '../../engine-rest/runtime.ts';
import { formatEngineTime } from '../../engine-rest/time.ts';
import type { ProcessInstance } from '../../engine-rest/types.ts';
import { sammanstall, type Arendelage } from './arendelage.ts';

/**
 * The case index (table `arendeindex`, migration 013): each case's open state,
 * next deadline and current tasks, kept by the UI so that the case list is one
 * SQL query. The engine stays the source of truth; the index follows it:
 *
 * 1. At start a full rebuild reads every running instance, open task and timer.
 * 2. Every few seconds a refresh asks the engine's history what changed since
 *    the last refresh — activities started or finished (tasks created or
 *    completed, timers fired, instances started or ended, called instances)
 *    and operations (due dates moved, suspensions) — and re-reads only the
 *    cases those changes belong to.
 * 3. When the UI itself changes a case (intake, events) it re-reads that case
 *    at once.
 *
 * With each case's state the index keeps the case register's child facts in
 * step (`arenden.barn`, and `barn-och-unga` among its units `enheter`): any
 * running instance of the case holding a child fact (BARNFAKTA) makes the case
 * a family case, however the engine learned of the children (folkbokföringen,
 * the landlord, the caseworker, in a called process too), so barn och unga
 * sees it in its list; a row out of step is repaired by the next read of the
 * case or the next rebuild.
 *
 * History rows carry the time the step happened, but become visible only when
 * the engine's transaction commits, and the engine's clock is not ours: each
 * refresh looks back OVERLAPP_MS before the previous one's start. A row is
 * replaced only by a read that began later, so refreshes may overlap (two UI
 * processes) without an older read undoing a newer one.
 */
export const UPPDATERINGSINTERVALL_MS = 3_000;
export const OVERLAPP_MS = 30_000;

/** Business keys or instance ids per engine query. */
const ENGINE_BATCH = 200;
const UPPGIFTSORDNING: TaskQuery['sorting'] = [
  { sortBy: 'created', sortOrder: 'asc' },
  { sortBy: 'id', sortOrder: 'asc' },
];

/** The variables that say children are affected (the sources dela-barn hands to every instance of the case). */
export const BARNFAKTA = ['barnBerorda', 'barnEnligtAnmalan', 'barnEnligtHyresvard', 'barnEnligtHandlaggare', 'barnOchUngaInvolverade'];
const BARNENHET = 'barn-och-unga';

export interface Uppdatering {
  slag: 'ombyggnad' | 'andringar' | 'arenden';
  /** Cases whose state was read and written. */
  arenden: number;
  ms: number;
}

interface Logg {
  error: (o: object, m: string) => void;
  info: (o: object, m: string) => void;
}

export class Arendeindex {
  private pagaende: Promise<Uppdatering> | undefined;
  private readonly history: HistoryQueries;
  private readonly runtime: RuntimeQueries;

  constructor(
    private readonly db: Knex,
    engine: EngineRest,
    private readonly log: Logg = { error: () => {}, info: () => {} },
  ) {
    this.history = new HistoryQueries(engine);
    this.runtime = new RuntimeQueries(engine);
  }

  /** Until this time every engine change is in the index; null before the first build. */
  async indexeradTid(): Promise<Date | null> {
    const rad = await this.db('arendeindex_status').where({ id: 1 }).first<{ andringar_till: Date | null } | undefined>();
    return rad?.andringar_till ?? null;
  }

  /** Reads every running instance, open task and timer, and makes the index match. */
  byggOm(): Promise<Uppdatering> {
    return this.enAtGangen(() => this.ombyggnad());
  }

  /** Re-reads the cases the engine changed since the last refresh (a full rebuild when there was none). */
  uppdatera(): Promise<Uppdatering> {
    return this.enAtGangen(() => this.andringar());
  }

  /** Re-reads these cases now (the UI just changed them); the periodic refresh's mark stays. */
  async uppdateraArenden(arendenummer: string[]): Promise<Uppdatering> {
    const start = new Date();
    await this.lasOchSkriv(arendenummer, start);
    return { slag: 'arenden', arenden: arendenummer.length, ms: Date.now() - start.getTime() };
  }

  /**
   * A case the intake has just started is in the list when the answer
   * arrives: open, with the notice's earliest deadline. Nothing is read from the
   * engine on the request's path; the row is marked as read at the epoch, so the
   * next refresh (within UPPDATERINGSINTERVALL_MS) replaces it with the
   * engine's own state: its tasks and its next timer.
   */
  async nyttArende(arendenummer: string, nastaFrist: Date | null): Promise<void> {
    await this.db('arendeindex')
      .insert({ arendenummer, oppen: true, nasta_frist: nastaFrist, aktuellt: [], indexerad: new Date(0) })
      .onConflict('arendenummer')
      .ignore();
  }

  /**
   * After the UI changed a case: the list shows the change at once. A failure
   * does not fail the user's request; the next refresh picks the change up.
   */
  async efterAndring(arendenummer: string): Promise<void> {
    try {
      await this.uppdateraArenden([arendenummer]);
    } catch (error) {
      this.log.error({ err: error instanceof Error ? error.message : String(error), arendenummer }, 'arendeindex: case refresh failed');
    }
  }

  /** Full rebuild, then a refresh every `intervallMs`; returns the function that stops it. */
  starta(intervallMs = UPPDATERINGSINTERVALL_MS): () => void {
    let stoppad = false;
    let timer: NodeJS.Timeout | undefined;
    const nasta = (steg: () => Promise<Uppdatering>) => {
      steg()
        .then(
          (u) => {
            if (u.slag === 'ombyggnad') this.log.info({ arenden: u.arenden, ms: u.ms }, 'arendeindex built');
          },
          (error: unknown) => this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'arendeindex refresh failed'),
        )
        .finally(() => {
          if (stoppad) return;
          timer = setTimeout(() => nasta(() => this.uppdatera()), intervallMs);
          timer.unref();
        });
    };
    nasta(() => this.byggOm());
    return () => {
      stoppad = true;
      clearTimeout(timer);
    };
  }

  /** One rebuild or refresh at a time in this process; a caller during one shares its result. */
  private enAtGangen(steg: () => Promise<Uppdatering>): Promise<Uppdatering> {
    this.pagaende ??= steg().finally(() => {
      this.pagaende = undefined;
    });
    return this.pagaende;
  }

  private async ombyggnad(): Promise<Uppdatering> {
    const start = new Date();
    const [instanser, uppgifter, timers] = await Promise.all([
      // Paging needs a stable order: by id (tasks by creation first, the order aktuellt keeps).
      this.runtime.processInstances({ active: true, sortBy: 'instanceId', sortOrder: 'asc' }),
      this.runtime.tasks({ active: true, sorting: UPPGIFTSORDNING }),
      this.runtime.jobs({ timers: true, active: true, sorting: [{ sortBy: 'jobId', sortOrder: 'asc' }] }),
    ]);
    const lage = sammanstall(instanser, uppgifter, timers);
    const barn = await this.barnfakta(instanser);
    await this.db.transaction(async (trx) => {
      await skriv(trx, [...lage.values()], start);
      await skrivBarn(trx, [...lage.keys()], barn, start);
      // Every case not running now has ended (or is suspended), unless a later read said otherwise.
      await trx('arendeindex')
        .where({ oppen: true })
        .where('indexerad', '<', start)
        .whereRaw('NOT (arendenummer = ANY(?::text[]))', [[...lage.keys()]])
        .update({ oppen: false, nasta_frist: null, aktuellt: [], indexerad: start });
      await trx.raw(
        'UPDATE arendeindex_status SET andringar_till = GREATEST(andringar_till, ?::timestamptz), ombyggt = GREATEST(ombyggt, ?::timestamptz) WHERE id = 1',
        [start, start],
      );
    });
    return { slag: 'ombyggnad', arenden: lage.size, ms: Date.now() - start.getTime() };
  }

  private async andringar(): Promise<Uppdatering> {
    const start = new Date();
    const sedan = await this.indexeradTid();
    if (!sedan) return this.ombyggnad();
    const andrade = await this.andradeArenden(new Date(sedan.getTime() - OVERLAPP_MS));
    if (andrade === 'alla') return this.ombyggnad();
    await this.lasOchSkriv(andrade, start);
    await this.db.raw('UPDATE arendeindex_status SET andringar_till = GREATEST(andringar_till, ?::timestamptz) WHERE id = 1', [start]);
    return { slag: 'andringar', arenden: andrade.length, ms: Date.now() - start.getTime() };
  }

  /**
   * The cases the engine changed since `fran`, by what its history recorded:
   * activities started or finished, and operations on instances, tasks and
   * jobs. 'alla': a definition or job definition was suspended or activated,
   * which touches every instance of it.
   */
  async andradeArenden(fran: Date): Promise<string[] | 'alla'> {
    const efter = formatEngineTime(fran);
    const ordning: HistoricActivityInstanceQuery['sorting'] = [{ sortBy: 'activityInstanceId', sortOrder: 'asc' }];
    const [startade, avslutade, operationer] = await Promise.all([
      this.history.activityInstances({ startedAfter: efter, sorting: ordning }),
      this.history.activityInstances({ finishedAfter: efter, sorting: ordning }),
      this.history.userOperations({ afterTimestamp: efter, sortBy: 'timestamp', sortOrder: 'asc' }),
    ]);
    if (operationer.some((o) => !o.processInstanceId && /^(Suspend|Activate)/.test(o.operationType))) return 'alla';
    const instanser = new Set<string>();
    for (const a of [...startade, ...avslutade, ...operationer]) if (a.processInstanceId) instanser.add(a.processInstanceId);
    return this.affarsnycklar([...instanser]);
  }

  /** The case numbers (business keys) of instances, ended ones included. */
  private async affarsnycklar(instansIds: string[]): Promise<string[]> {
    const nycklar = new Set<string>();
    for (const batch of batches(instansIds, ENGINE_BATCH)) {
      const rader = await this.history.processInstances({ processInstanceIds: batch });
      for (const r of rader) if (r.businessKey) nycklar.add(r.businessKey);
    }
    return [...nycklar];
  }

  /** Reads the cases' running instances, their open tasks and timers, and writes each case's state. */
  private async lasOchSkriv(arendenummer: string[], start: Date): Promise<void> {
    const lage: Arendelage[] = [];
    const barn = new Set<string>();
    for (const batch of batches(arendenummer, ENGINE_BATCH)) {
      const instanser = await this.history.processInstances({ processInstanceBusinessKeyIn: batch, active: true });
      const ids = instanser.map((i) => i.id);
      const [uppgifter, timers, medBarn] =
        ids.length === 0
          ? [[], [], new Set<string>()]
          : await Promise.all([
              this.runtime.tasks({ processInstanceIdIn: ids, active: true, sorting: UPPGIFTSORDNING }),
              this.runtime.jobs({ processInstanceIds: ids, timers: true, active: true }),
              this.barnfakta(instanser),
            ]);
      lage.push(...sammanstall(instanser, uppgifter, timers, batch).values());
      for (const nr of medBarn) barn.add(nr);
    }
    await skriv(this.db, lage, start);
    // Only cases that run: an ended case keeps what it had.
    await skrivBarn(
      this.db,
      lage.filter((l) => l.oppen).map((l) => l.arendenummer),
      barn,
      start,
    );
  }

  /** The case numbers among these instances' cases where some instance holds a child fact. */
  private async barnfakta(instanser: Pick<ProcessInstance, 'id' | 'businessKey'>[]): Promise<Set<string>> {
    const nyckel = new Map(instanser.map((i) => [i.id, i.businessKey]));
    const barn = new Set<string>();
    for (const batch of batches([...nyckel.keys()], ENGINE_BATCH)) {
      const rader = await this.history.variableInstances({ processInstanceIdIn: batch, variableNameIn: BARNFAKTA });
      for (const r of rader) {
        const nr = nyckel.get(r.processInstanceId);
        if (r.value === true && nr) barn.add(nr);
      }
    }
    return barn;
  }
}

/** Upserts each case's state; a row read later than `start` stays (the newest read wins). */
async function skriv(db: Knex, lage: Arendelage[], start: Date): Promise<void> {
  for (const batch of batches(lage, 1000)) {
    await db('arendeindex')
      .insert(
        batch.map((l) => ({
          arendenummer: l.arendenummer,
          oppen: l.oppen,
          nasta_frist: l.nastaFrist,
          aktuellt: l.aktuellt,
          indexerad: start,
        })),
      )
      .onConflict('arendenummer')
      .merge(['oppen', 'nasta_frist', 'aktuellt', 'indexerad'])
      .where('arendeindex.indexerad', '<=', start);
  }
}

/**
 * Sets the register's child flag and barn och unga's unit to what the engine
 * knows, for the cases this read wrote (a later read that already wrote a case
 * decides it instead). Only rows out of step change.
 */
async function skrivBarn(db: Knex, arendenummer: string[], barn: Set<string>, start: Date): Promise<void> {
  for (const batch of batches(arendenummer, 1000)) {
    await db.raw(
      `UPDATE arenden a
          SET barn = v.barn,
              enheter = CASE WHEN v.barn THEN array_append(array_remove(a.enheter, ?), ?) ELSE array_remove(a.enheter, ?) END
         FROM unnest(?::text[], ?::boolean[]) AS v(arendenummer, barn)
         JOIN arendeindex i ON i.arendenummer = v.arendenummer AND i.indexerad = ?
        WHERE a.arendenummer = v.arendenummer
          AND (a.barn <> v.barn OR (? = ANY(a.enheter)) <> v.barn)`,
      [BARNENHET, BARNENHET, BARNENHET, batch, batch.map((nr) => barn.has(nr)), start, BARNENHET],
    );
  }
}

function batches<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
