import { versionstext } from '../../../../domain/versionstagg.ts';
import { iso, type Kallor } from '../facts.ts';
import type { Handelse } from '../types.ts';

/** Each migration of one of the case's instances to another version of its process (npm run migrera), moved or not. */
export function migreringshandelser(k: Kallor): Handelse[] {
  return k.migreringar.map((m) => {
    const fran = versionstext(m.fran_version, m.fran_versionstagg);
    const till = versionstext(m.till_version, m.till_versionstagg);
    return {
      typ: 'migrering',
      tid: iso(m.tid),
      aktor: `${m.utford_av} (som ${m.motoranvandare})`,
      rubrik: m.resultat === 'flyttad' ? `Migrerad till ${till}` : 'Migrering misslyckades',
      text:
        m.resultat === 'flyttad'
          ? `${m.process_key}: migrerad från ${fran} till ${till}.`
          : `${m.process_key}: kunde inte migreras från ${fran} till ${till}: ${m.orsak ?? 'okänd orsak'}. Instansen fortsätter på ${fran}.`,
      lagrum: [],
      process: m.process_key,
      migrering: {
        franVersion: m.fran_version,
        franTagg: m.fran_versionstagg,
        tillVersion: m.till_version,
        tillTagg: m.till_versionstagg,
        flyttad: m.resultat === 'flyttad',
        batchId: m.batch_id,
      },
    };
  });
}
