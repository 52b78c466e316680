import { EngineRestError, type EngineRest } from '../engine-rest/client.ts';
import { retryOnConcurrentModification } from '../engine-rest/concurrency.ts';
import { toVariables } from '../engine-rest/variables.ts';

/**
 * Registering a corrected notice (rättat meddelande, NJA 1985 s. 586) or a service date
 * (delgivning-registrerad) in a case: one place for the rules, used by the API
 * (ui/api/arenden.ts) and by the Tasklist process registrera-rattat-meddelande (worker
 * rattat-meddelande). Only a notice about unpaid rent has an återvinningsfrist (12 kap.
 * 44 § JB); the case's model takes the message (hot-om-avhysning's event subprocess
 * NarRattatMeddelande, or the boundary DelgivningRegistrerad while it waits on the date).
 */
const MEDDELANDE_RATTAT = 'underrattelse-rattad';
const MEDDELANDE_DELGIVNING = 'delgivning-registrerad';

export interface Rattelse {
  /** When social services received the corrected notice, ISO with offset. */
  mottagen: string;
  delgivningsdatum?: string | null;
  brist?: string | null;
}

/** Why the case cannot take the event (Swedish, shown to the caller), or null when it can. */
export type Hinder = { kod: 'inte-obetald-hyra' | 'har-frist' | 'tar-inte-emot'; text: string } | null;

async function variabel(engine: EngineRest, processInstanceId: string, namn: string): Promise<unknown> {
  try {
    const v = await engine.get<{ value: unknown }>(`/process-instance/${processInstanceId}/variables/${namn}`);
    return v.value;
  } catch (error) {
    if (error instanceof EngineRestError && error.status === 404) return null;
    throw error;
  }
}

/** Only unpaid rent gives an återvinningsfrist; any other case gets a clear refusal. */
async function obetaldHyra(engine: EngineRest, processInstanceId: string, arendenummer: string): Promise<Hinder> {
  const orsak = await variabel(engine, processInstanceId, 'orsak');
  if (orsak === 'obetald-hyra') return null;
  return {
    kod: 'inte-obetald-hyra',
    text: `Ärendet ${arendenummer} gäller inte uppsägning för obetald hyra; bara då finns en återvinningsfrist (12 kap. 44 § jordabalken).`,
  };
}

/** Correlates the message to the case's own instance; a model that cannot take it now gives a reason. */
async function correlate(
  engine: EngineRest,
  processInstanceId: string,
  messageName: string,
  variabler: Record<string, string>,
  hinderText: string,
): Promise<Hinder> {
  try {
    await retryOnConcurrentModification(() =>
      engine.post('/message', { messageName, processInstanceId, processVariables: toVariables(variabler) }),
    );
    return null;
  } catch (error) {
    if (error instanceof EngineRestError && (error.status === 400 || error.status === 404))
      return { kod: 'tar-inte-emot', text: hinderText };
    throw error;
  }
}

export async function registreraRattelse(
  engine: EngineRest,
  processInstanceId: string,
  arendenummer: string,
  r: Rattelse,
): Promise<Hinder> {
  const hinder = await obetaldHyra(engine, processInstanceId, arendenummer);
  if (hinder) return hinder;
  const variabler: Record<string, string> = { rattadUnderrattelseMottagen: r.mottagen };
  if (r.brist) variabler.rattelseBrist = r.brist;
  // The corrected notice states the service date anew; it replaces what the first one said.
  if (r.delgivningsdatum) variabler.delgivningsdatum = r.delgivningsdatum;
  return correlate(
    engine,
    processInstanceId,
    MEDDELANDE_RATTAT,
    variabler,
    `Ärendet ${arendenummer} startades på en äldre version av processen, som tar emot ett rättat meddelande bara medan Besluta om åtagande är öppen. Räkna om fristen för hand och dokumentera i ärendet.`,
  );
}

export async function registreraDelgivning(
  engine: EngineRest,
  processInstanceId: string,
  arendenummer: string,
  delgivningsdatum: string,
): Promise<Hinder> {
  const hinder = await obetaldHyra(engine, processInstanceId, arendenummer);
  if (hinder) return hinder;
  if ((await variabel(engine, processInstanceId, 'atervinningsfristSenast')) !== null) {
    return {
      kod: 'har-frist',
      text: `Ärendet ${arendenummer} har redan en återvinningsfrist. Ett nytt delgivningsdatum kommer med ett rättat meddelande: skicka händelsen rattat-meddelande med delgivningsdatum.`,
    };
  }
  return correlate(
    engine,
    processInstanceId,
    MEDDELANDE_DELGIVNING,
    { delgivningsdatum },
    `Ärendet ${arendenummer} väntar inte på ett delgivningsdatum (det startades på en äldre version av processen eller är inte framme vid återvinningen ännu). Försök igen om en stund, eller skicka ett rättat meddelande med delgivningsdatum.`,
  );
}
