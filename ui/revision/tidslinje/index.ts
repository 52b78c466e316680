import type { Knex } from 'knex';
import { engineTimeMs } from '../../../engine-rest/time.ts';
import { lasArende } from '../../arenden/arenden.ts';
import type { Anvandare } from '../../auth/roller.ts';
import type { Engine } from '../../engine/engine.ts';
import { iso, lasKallor, type Kallor } from './facts.ts';
import { barnhandelser } from './handelser/barn.ts';
import { brevhandelser } from './handelser/brev.ts';
import { fristhandelser } from './handelser/frister.ts';
import { incidenthandelser } from './handelser/incidenter.ts';
import { kontakthandelser } from './handelser/kontakter.ts';
import { migreringshandelser } from './handelser/migreringar.ts';
import { samtyckeshandelser } from './handelser/samtycken.ts';
import { steghandelser } from './handelser/steg.ts';
import { uppgiftshandelser } from './handelser/uppgifter.ts';
import type { Handelse, Processversion, Tidslinje } from './types.ts';

/**
 * The case timeline for auditors (docs/tidslinje.md): ./facts.ts reads the
 * sources, one builder per kind of event in ./handelser/ turns them into
 * events, and this puts them in time order. Every read of a case goes through
 * lasArende, so access is decided as in the case view.
 */

/** The read log's name for every read of the timeline (page, JSON, CSV, PDF). */
export const VY = 'revision-tidslinje';

/** The case timeline, or undefined when there is no such case or the user may not read it. */
export async function byggTidslinje(
  db: Knex,
  engine: Engine,
  a: Anvandare,
  arendenummer: string,
  nu = new Date(),
): Promise<Tidslinje | undefined> {
  const arende = await lasArende(db, engine, a, arendenummer);
  if (!arende) return undefined;
  const k = await lasKallor(db, engine, arende, arendenummer, nu);
  const { rad, historik, variabler } = arende;
  return {
    arendenummer,
    processKey: rad.process_key,
    hyresgast: (variabler.hyresgast as { namn?: string } | undefined)?.namn ?? null,
    skyddadIdentitet: variabler.skyddadIdentitet === true,
    mottagen: rad.mottagen.toISOString(),
    status: historik.find((h) => h.id === rad.process_instance_id)?.state === 'ACTIVE' ? 'pagaende' : 'avslutat',
    versioner: versioner(k),
    handelser: iTidsordning(handelser(k)),
  };
}

/** Every event, kind by kind; the order here breaks ties between events of the same moment. */
function handelser(k: Kallor): Handelse[] {
  const frister = fristhandelser(k);
  return [
    ...steghandelser(k),
    ...uppgiftshandelser(k),
    ...frister,
    ...brevhandelser(k, frister),
    ...samtyckeshandelser(k),
    ...kontakthandelser(k),
    // each discovery as dela-barn recorded it (barnUpptackter); the first starts the child's 14 days
    ...barnhandelser(k),
    ...incidenthandelser(k),
    ...migreringshandelser(k),
  ];
}

/** The version each instance runs on now (the engine's), and those it ran on before each migration that moved it (Bokvar's record). */
function versioner(k: Kallor): Processversion[] {
  return k.arende.instanser.flatMap((id) => {
    const h = k.arende.historik.find((x) => x.id === id);
    const d = h ? k.definitioner.get(h.processDefinitionId) : undefined;
    if (!h || !d) return [];
    const tidigare = k.migreringar
      .filter((m) => m.process_instance_id === id && m.resultat === 'flyttad')
      .map((m) => ({ version: m.fran_version, versionstagg: m.fran_versionstagg, till: iso(m.tid) }));
    return [
      {
        processInstanceId: id,
        process: h.processDefinitionKey,
        anropadAv: h.superProcessInstanceId,
        version: d.version,
        versionstagg: d.versionTag,
        start: iso(h.startTime),
        slut: h.endTime ? iso(h.endTime) : null,
        tidigare,
      },
    ];
  });
}

function iTidsordning(handelser: Handelse[]): Handelse[] {
  const ordning = new Map(handelser.map((h, i) => [h, i]));
  // A contact starts with its task, often in the same millisecond: the contact (with its basis) goes first.
  const forst = (h: Handelse) => (h.typ === 'kontakt' ? 0 : 1);
  return handelser.sort((x, y) => engineTimeMs(x.tid) - engineTimeMs(y.tid) || forst(x) - forst(y) || ordning.get(x)! - ordning.get(y)!);
}
