import { tidText } from '../../../../domain/svensk-tid.ts';
import { engineTimeMs } from '../../../../engine-rest/time.ts';
import { iso, type Kallor } from '../facts.ts';
import type { Handelse } from '../types.ts';

/**
 * Incidents: what failed and how it was resolved. Who resolved it is read from
 * the operation log: the retries set (and variables changed) on the failed job
 * or external task while the incident was open.
 */
export function incidenthandelser(k: Kallor): Handelse[] {
  return k.incidenter.map((i) => {
    const status = i.resolved ? 'lost' : i.deleted ? 'borttagen' : 'oppen';
    const atgard = i.endTime
      ? k.operationer.filter(
          (o) =>
            o.processInstanceId === i.processInstanceId &&
            engineTimeMs(o.timestamp) >= engineTimeMs(i.createTime) &&
            engineTimeMs(o.timestamp) <= engineTimeMs(i.endTime!) + 1000 &&
            (o.externalTaskId === i.configuration || o.jobId === i.configuration || o.entityType === 'Variable'),
        )
      : [];
    const losare = atgard.filter((o) => /Retries/.test(o.operationType)).at(-1)?.userId ?? null;
    const variabelandringar = [...new Set(atgard.filter((o) => o.entityType === 'Variable').map((o) => `${o.userId ?? 'okänd'}`))];
    return {
      typ: 'incident',
      tid: iso(i.createTime),
      slut: i.endTime ? iso(i.endTime) : null,
      aktor: losare,
      rubrik: `Tekniskt fel i ${k.aktiviteter.find((h) => h.activityId === i.activityId && h.processInstanceId === i.processInstanceId)?.activityName ?? i.activityId}`,
      text:
        `${i.incidentMessage ?? i.incidentType}. ` +
        (status === 'lost'
          ? `Löst ${tidText(i.endTime)}${losare ? ` av ${losare} (nytt försök)` : ''}${variabelandringar.length ? `; variabler ändrade av ${variabelandringar.join(', ')}` : ''}.`
          : status === 'borttagen'
            ? `Borttagen ${tidText(i.endTime)} (instansen avslutades eller ändrades).`
            : 'Öppen.'),
      lagrum: [],
      process: k.nyckelFor.get(i.processInstanceId),
      aktivitet: i.activityId,
      incident: { typ: i.incidentType, status, meddelande: i.incidentMessage },
    } satisfies Handelse;
  });
}
