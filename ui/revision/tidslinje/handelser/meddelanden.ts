import { etikett, KALLNAMN, ORSAKNAMN } from '../../../../domain/etiketter.ts';
import { tidText } from '../../../../domain/svensk-tid.ts';
import { engineTimeMs } from '../../../../engine-rest/time.ts';
import type { HistoricActivityInstance, HistoricVariableUpdate, UserOperationLogEntry } from '../../../../engine-rest/types.ts';
import { iso, variableValue } from '../facts.ts';
import type { Handelse } from '../types.ts';

/** What a message brought, by variable: only facts about the case, never personal details. */
const MEDDELANDEUPPGIFTER: Record<string, string> = {
  kalla: 'Källa',
  orsak: 'Orsak',
  mottagen: 'Mottagen',
  delgivningsdatum: 'Delgivningsdatum',
  malnummer: 'Målnummer',
  avhysningsdatum: 'Avhysningsdatum',
  rattadUnderrattelseMottagen: 'Rättat meddelande mottaget',
  rattelseBrist: 'Brist i det första meddelandet',
  nyttAvhysningsdatum: 'Nytt avhysningsdatum',
  anstandBeslutsdatum: 'Beslutsdatum',
  installdOrsak: 'Orsak',
};

/** Who correlated a message by hand: the operation log's CorrelateMessage nearest it (within 2 s). */
export function korrelerare(operationer: UserOperationLogEntry[], h: HistoricActivityInstance): string | null {
  const nara = operationer.filter(
    (o) => o.operationType === 'CorrelateMessage' && o.userId && Math.abs(engineTimeMs(o.timestamp) - engineTimeMs(h.startTime)) <= 2000,
  );
  return nara[0]?.userId ?? null;
}

/** A message that came in: what it brought, and the eviction day it moved, if any. */
export function meddelande(
  h: HistoricActivityInstance,
  grannar: HistoricActivityInstance[],
  uppdateringar: HistoricVariableUpdate[],
  process: string | undefined,
  lagrum: string[],
  aktor: string | null,
): Handelse {
  // An update belongs to this message when it is within 2 s of it and no other message of the instance is nearer
  // (two of Kronofogden's messages may come a second apart).
  const egen = (u: HistoricVariableUpdate) =>
    u.processInstanceId === h.processInstanceId &&
    Math.abs(engineTimeMs(u.time) - engineTimeMs(h.startTime)) <= 2000 &&
    grannar.every(
      (g) => Math.abs(engineTimeMs(u.time) - engineTimeMs(g.startTime)) > Math.abs(engineTimeMs(u.time) - engineTimeMs(h.startTime)),
    );
  // What came with the message: the case facts set in the same moment in that instance.
  const uppgifter = new Map<string, unknown>();
  for (const u of uppdateringar) {
    if (MEDDELANDEUPPGIFTER[u.variableName] && egen(u)) {
      uppgifter.set(u.variableName, variableValue(u));
    }
  }
  const rader = [...uppgifter]
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => {
      const text = k === 'kalla' ? etikett(KALLNAMN, String(v)) : k === 'orsak' ? etikett(ORSAKNAMN, String(v)) : undefined;
      return `${MEDDELANDEUPPGIFTER[k]}: ${text ?? (typeof v === 'string' && /T\d{2}:/.test(v) ? tidText(v) : String(v))}`;
    });
  // A later message that moved the eviction day (an anstånd): the day before and after.
  if (h.activityType !== 'messageStartEvent' || h.parentActivityInstanceId !== h.processInstanceId) {
    const andrat = andring(uppdateringar, h, 'avhysningsdatum', egen);
    if (andrat) rader.push(`Avhysningsdatum ändrat: ${andrat.fore} → ${andrat.efter}`);
  }
  return {
    typ: 'meddelande',
    tid: iso(h.startTime),
    aktor,
    rubrik: h.activityName ?? h.activityId,
    text: rader.length > 0 ? `${rader.join('; ')}.` : 'Meddelandet kom in.',
    lagrum,
    process,
    aktivitet: h.activityId,
  };
}

/** A variable the message changed in its instance (after it, and nearer it than any other message): its value before and after, when they differ. */
function andring(
  uppdateringar: HistoricVariableUpdate[],
  h: HistoricActivityInstance,
  namn: string,
  egen: (u: HistoricVariableUpdate) => boolean,
): { fore: string; efter: string } | undefined {
  const start = engineTimeMs(h.startTime);
  const egna = uppdateringar.filter((u) => u.processInstanceId === h.processInstanceId && u.variableName === namn);
  const ny = egna.find((u) => engineTimeMs(u.time) >= start && egen(u));
  if (!ny) return undefined;
  const fore = egna.filter((u) => u !== ny && engineTimeMs(u.time) <= engineTimeMs(ny.time) && egna.indexOf(u) < egna.indexOf(ny)).at(-1);
  const [a, b] = [fore ? variableValue(fore) : undefined, variableValue(ny)];
  return a !== undefined && a !== null && String(a) !== String(b) ? { fore: String(a), efter: String(b) } : undefined;
}
