import { tidText } from '../../../../domain/svensk-tid.ts';
import { engineTimeMs } from '../../../../engine-rest/time.ts';
import type { HistoricActivityInstance, HistoricTask, HistoricVariableUpdate } from '../../../../engine-rest/types.ts';
import { iso, variableValue, type Kallor } from '../facts.ts';
import type { Handelse } from '../types.ts';
import { MEDDELANDETYPER, TIMERTYPER } from './steg.ts';

/**
 * What a task recorded that the timeline shows beside it: the future housing
 * plan from "Stödja och motivera inför avhysningen", which an auditor needs to
 * see what the tenant was helped towards.
 */
const UPPGIFTSVARDEN: Record<string, Record<string, string>> = {
  StodjaOchMotivera: { framtidaBostadslosning: 'Framtida lösning av bostadsfrågan' },
};

/** User tasks: who completed them, their due time and whether they were in time, or what interrupted them. */
export function uppgiftshandelser(k: Kallor): Handelse[] {
  const aktivitetFor = new Map(k.aktiviteter.map((h) => [h.id, h]));
  return k.uppgifter.map((u) => {
    const h = aktivitetFor.get(u.activityInstanceId);
    const av = k.slutfordAv.get(u.id) ?? (u.deleteReason === 'completed' ? u.assignee : null);
    const klar = u.deleteReason === 'completed';
    const avbrotsorsak = !klar && u.endTime ? avbrot(k.aktiviteter, u) : undefined;
    const sen = klar && u.due && u.endTime && engineTimeMs(u.endTime) > engineTimeMs(u.due);
    return {
      typ: 'uppgift',
      tid: iso(u.startTime),
      slut: u.endTime ? iso(u.endTime) : null,
      aktor: av,
      rubrik: u.name ?? u.taskDefinitionKey,
      text:
        [
          klar
            ? `Slutförd av ${av ?? 'okänd användare'} ${tidText(u.endTime)}`
            : u.endTime
              ? `Avbruten ${tidText(u.endTime)}${avbrotsorsak ? ` av «${avbrotsorsak}»` : ' av en händelse i processen'}`
              : 'Pågår',
          u.due ? `förfallotid ${tidText(u.due)}${klar ? (sen ? ', slutförd EFTER förfallotiden' : ', i tid') : ''}` : null,
          ...(klar ? registrerat(k.uppdateringar, u) : []),
        ]
          .filter(Boolean)
          .join('; ') + '.',
      lagrum: h ? k.lagrum(h, h.processDefinitionId) : [],
      process: k.nyckelFor.get(u.processInstanceId),
      aktivitet: u.taskDefinitionKey,
    } satisfies Handelse;
  });
}

/** What interrupted a task: the message or timer event that started as the task ended, in its instance. */
function avbrot(aktiviteter: HistoricActivityInstance[], u: HistoricTask): string | undefined {
  const slut = engineTimeMs(u.endTime!);
  return (
    aktiviteter.find(
      (h) =>
        h.processInstanceId === u.processInstanceId &&
        (MEDDELANDETYPER.has(h.activityType) || TIMERTYPER.has(h.activityType)) &&
        Math.abs(engineTimeMs(h.startTime) - slut) <= 100,
    )?.activityName ?? undefined
  );
}

/** The values a completed task recorded that the timeline shows (UPPGIFTSVARDEN), as "label: value". */
function registrerat(uppdateringar: HistoricVariableUpdate[], u: HistoricTask): string[] {
  const falt = UPPGIFTSVARDEN[u.taskDefinitionKey];
  if (!falt || !u.endTime) return [];
  const slut = engineTimeMs(u.endTime);
  const varden = new Map<string, unknown>();
  for (const d of uppdateringar) {
    if (d.processInstanceId === u.processInstanceId && falt[d.variableName] && Math.abs(engineTimeMs(d.time) - slut) <= 2000)
      varden.set(d.variableName, variableValue(d));
  }
  return [...varden].filter(([, v]) => typeof v === 'string' && v.trim() !== '').map(([k, v]) => `${falt[k]}: ${String(v).trim()}`);
}
