import { arBarnkalla, BARNKALLOR } from '../../../../domain/barnkallor.ts';
import { BARNKALLANAMN } from '../../../../domain/etiketter.ts';
import { engineTimeMs } from '../../../../engine-rest/time.ts';
import { citera } from '../../../../frister/lagrum.ts';
import { iso, variableValue, type Kallor } from '../facts.ts';
import type { Handelse } from '../types.ts';

/**
 * Each child-discovery event of the case: every instance's barnUpptackter
 * (dela-barn hands the list on, so copies repeat), one per source, the
 * earliest. The step is the one that first set the source's variable to true
 * in the process that recorded the discovery.
 */
export function barnhandelser({ uppdateringar, aktiviteter }: Kallor): Handelse[] {
  const perKalla = new Map<string, { tid: string; kalla: string; process: string | undefined }>();
  for (const u of uppdateringar) {
    if (u.variableName !== 'barnUpptackter') continue;
    const lista = variableValue(u);
    if (!Array.isArray(lista)) continue;
    for (const x of lista as { tid?: unknown; kalla?: unknown; process?: unknown }[]) {
      if (typeof x?.tid !== 'string' || typeof x.kalla !== 'string' || Number.isNaN(Date.parse(x.tid))) continue;
      const fore = perKalla.get(x.kalla);
      if (!fore || engineTimeMs(x.tid) < engineTimeMs(fore.tid))
        perKalla.set(x.kalla, { tid: x.tid, kalla: x.kalla, process: typeof x.process === 'string' ? x.process : undefined });
    }
  }
  const ordnade = [...perKalla.values()].sort((a, b) => engineTimeMs(a.tid) - engineTimeMs(b.tid));
  const aktivitetFor = new Map(aktiviteter.map((h) => [h.id, h]));
  return ordnade.map((x, i) => {
    const kalla = arBarnkalla(x.kalla) ? { text: BARNKALLANAMN[x.kalla], variabel: BARNKALLOR[x.kalla] } : undefined;
    const satt = kalla
      ? uppdateringar.find(
          (u) =>
            u.variableName === kalla.variabel &&
            variableValue(u) === true &&
            (!x.process || aktivitetFor.get(u.activityInstanceId ?? '')?.processDefinitionId.startsWith(`${x.process}:`)),
        )
      : undefined;
    const steg = satt?.activityInstanceId ? aktivitetFor.get(satt.activityInstanceId) : undefined;
    return {
      typ: 'barn' as const,
      tid: iso(x.tid),
      aktor: null,
      rubrik: 'Barn berörs: socialtjänsten fick kännedom om barn',
      text:
        `Källa: ${kalla?.text ?? x.kalla}${steg?.activityName ? ` (${steg.activityName})` : ''}.` +
        (i === 0 ? ' Den första kännedomen: barnets förhandsbedömning (14 dagar) räknas härifrån.' : ''),
      lagrum: [citera('sol-2025-400-20-2'), citera('sol-2001-453-5-1')],
      ...(x.process ? { process: x.process } : {}),
      ...(steg ? { aktivitet: steg.activityId } : {}),
      barn: { kalla: x.kalla, forsta: i === 0 },
    };
  });
}
