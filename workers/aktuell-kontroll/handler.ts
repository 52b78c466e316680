import { z } from 'zod';
import { hyresgastSchema, type Hyresgast } from '../../domain/arendevariabler.ts';
import { idag } from '../../domain/svensk-tid.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { defineTopic, type TopicOutcome } from '../topic.ts';
import { PostgresAktualitetsregister } from './postgres-register.ts';
import { EGEN_FORVALTNING, type Aktualitetsregister } from './register.ts';

export const aktuellKontrollInput = z.object({
  hyresgast: hyresgastSchema,
  /** The day that counts (ÅÅÅÅ-MM-DD); today in Sweden when absent. */
  referensdatum: z.iso.date().optional(),
});

/**
 * aktuell-kontroll (checklists, step 3): is the tenant already known to social
 * services, and where?
 *
 * Output variables (all set on every completion):
 *  - aktuellISocialtjansten (Boolean): known in a unit of the own administration;
 *  - aktuellaEnheter (Json): those units, [{ enhet, enhetsnamn?, sedan }]
 *    (enhet: vuxen | barn-och-unga | ekonomiskt-bistand) — consult them directly;
 *  - aktuellIAnnanForvaltning (Boolean): known in another administration;
 *  - andraForvaltningar (Json): [{ forvaltning, enhet, enhetsnamn?, sedan }]
 *    (forvaltning: funktionsstod | aldre | etableringsenheten) — contact only with the tenant's consent.
 *  - andraForvaltningarIdn (Json): those administrations, each once (["funktionsstod"]) — the
 *    checklists' samråd runs once per administration, behind the consent gate.
 * Known nowhere is an ordinary outcome: both Booleans false, both lists empty.
 */
export function aktuellKontrollTopic(deps: WorkerDependencies) {
  const register = new PostgresAktualitetsregister(deps.db);
  return defineTopic({
    topic: 'aktuell-kontroll',
    lockDurationMs: 20_000,
    input: aktuellKontrollInput,
    handle: (input) => kontrolleraAktualitet(register, input),
  });
}

export async function kontrolleraAktualitet(
  register: Aktualitetsregister,
  input: { hyresgast: Hyresgast; referensdatum?: string | undefined },
): Promise<TopicOutcome> {
  const pa = input.referensdatum ?? idag();
  const aktuella = await register.aktuellaEnheter(input.hyresgast.personnummer, pa);
  const egna = aktuella
    .filter((a) => a.forvaltning === EGEN_FORVALTNING)
    .map(({ enhet, enhetsnamn, sedan }) => ({ enhet, ...(enhetsnamn ? { enhetsnamn } : {}), sedan }));
  const andra = aktuella
    .filter((a) => a.forvaltning !== EGEN_FORVALTNING)
    .map(({ forvaltning, enhet, enhetsnamn, sedan }) => ({ forvaltning, enhet, ...(enhetsnamn ? { enhetsnamn } : {}), sedan }));
  return {
    kind: 'complete',
    variables: {
      aktuellISocialtjansten: egna.length > 0,
      aktuellaEnheter: egna,
      aktuellIAnnanForvaltning: andra.length > 0,
      andraForvaltningar: andra,
      andraForvaltningarIdn: [...new Set(andra.map((a) => a.forvaltning))],
    },
  };
}
