import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Adress } from '../../domain/arendevariabler.ts';
import { sparaSkyddadAdress, type Adresskalla } from '../../domain/skyddad-adress.ts';
import { EngineRestError, type EngineRest } from '../../engine-rest/client.ts';
import { RuntimeQueries } from '../../engine-rest/runtime.ts';
import type { HistoricVariableInstance } from '../../engine-rest/types.ts';

/** The variable that carries the notice's address (ui/intake/registrera.ts). */
const ADRESS = 'adress';
/** Rounds of "find, remove, look again" before the task fails and is retried. */
const VARV = 3;

type AdressVariabel = Pick<HistoricVariableInstance, 'id' | 'processInstanceId' | 'executionId' | 'state'>;

/**
 * Protection learned after the case started (the register could not be read
 * at intake, the person was not yet in it, the case started before Bokvar kept
 * protected addresses out of the engine):
 * the engine holds the notice's address, in the main instance and in every
 * called instance that copied it (`camunda:in variables="all"`). Bokvar keeps
 * the address in its own table first, so nothing is lost, and then removes
 * every trace from the engine: the runtime variable of each instance still
 * running, then each historic variable instance, which takes its
 * act_hi_detail rows and their byte arrays with it. The order matters: removing
 * a runtime variable writes one more history detail (with the value), which
 * the historic deletion then takes too.
 */
export async function flyttaSkyddadAdress(
  deps: { db: Knex; engine: EngineRest },
  arende: { arendenummer: string; adress: Adress; kalla: Adresskalla; log: Logger },
): Promise<void> {
  await sparaSkyddadAdress(deps.db, { arendenummer: arende.arendenummer, adress: arende.adress, kalla: arende.kalla });
  const borttagna = await rensaAdressenUrMotorn(deps.engine, arende.arendenummer);
  arende.log.info({ variabelinstanser: borttagna }, 'protected identity: the address moved out of the engine');
}

/**
 * Removes the variable `adress` from every instance of the case (same business
 * key), running and historic. Looks again after each round, so an instance that
 * copied the address while the first round ran is taken too; still there after
 * the last round: a technical failure, and the task is retried. Returns how many
 * historic variable instances it removed.
 */
export async function rensaAdressenUrMotorn(engine: EngineRest, arendenummer: string): Promise<number> {
  let borttagna = 0;
  for (let varv = 0; varv < VARV; varv++) {
    const kvar = await adressvariabler(engine, arendenummer);
    if (kvar.length === 0) return borttagna;
    for (const v of kvar) {
      if (v.state !== 'DELETED' && v.executionId) await taBortKorande(engine, v);
      try {
        await engine.delete(`/history/variable-instance/${v.id}`);
        borttagna += 1;
      } catch (error) {
        // Another delivery of the task removed it first.
        if (!(error instanceof EngineRestError && error.status === 404)) throw error;
      }
    }
  }
  if ((await adressvariabler(engine, arendenummer)).length === 0) return borttagna;
  throw new Error(`adressen finns kvar i motorns historik efter ${VARV} försök`);
}

async function adressvariabler(engine: EngineRest, arendenummer: string): Promise<AdressVariabel[]> {
  const instanser = await engine.getAll<{ id: string }>('/history/process-instance', { processInstanceBusinessKey: arendenummer });
  if (instanser.length === 0) return [];
  // includeDeleted: a variable removed at runtime (or whose instance ended) keeps its value in history.
  return engine.postAll<AdressVariabel>('/history/variable-instance', {
    processInstanceIdIn: instanser.map((i) => i.id),
    variableName: ADRESS,
    includeDeleted: true,
  });
}

async function taBortKorande(engine: EngineRest, v: AdressVariabel): Promise<void> {
  try {
    await engine.delete(`/execution/${v.executionId}/localVariables/${ADRESS}`);
  } catch (error) {
    // The execution ended in between: its variables are gone at runtime, history is handled next.
    if (
      error instanceof EngineRestError &&
      (error.status === 404 || error.status === 500) &&
      !(await new RuntimeQueries(engine).isRunning(v.processInstanceId))
    )
      return;
    throw error;
  }
}
