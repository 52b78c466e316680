import { tidText } from '../../../../domain/svensk-tid.ts';
import { engineTimeMs } from '../../../../engine-rest/time.ts';
import type { HistoricActivityInstance } from '../../../../engine-rest/types.ts';
import { iso, type Kallor } from '../facts.ts';
import type { Handelse } from '../types.ts';
import { korrelerare, meddelande } from './meddelanden.ts';

export const MEDDELANDETYPER = new Set(['messageStartEvent', 'intermediateMessageCatch', 'boundaryMessage', 'receiveTask']);
export const TIMERTYPER = new Set(['startTimerEvent', 'intermediateTimer', 'boundaryTimer']);
/** Routing and plumbing, not steps: gateways, multi-instance bodies, unnamed none start events. */
const INTE_STEG = new Set([
  'exclusiveGateway',
  'inclusiveGateway',
  'parallelGateway',
  'eventBasedGateway',
  'complexGateway',
  'multiInstanceBody',
  'sequenceFlow',
  'startEvent',
  'userTask',
]);

/** Messages, steps and timers, in the order the engine's activity history has them (user tasks have their own builder). */
export function steghandelser(k: Kallor): Handelse[] {
  const handelser: Handelse[] = [];
  const startmeddelande = k.arende.instanser[0];
  for (const h of k.aktiviteter) {
    const process = k.nyckelFor.get(h.processInstanceId);
    if (MEDDELANDETYPER.has(h.activityType)) {
      const grannar = k.aktiviteter.filter(
        (x) => x !== h && x.processInstanceId === h.processInstanceId && MEDDELANDETYPER.has(x.activityType),
      );
      // The case's first message came through the intake: the one who registered it sent it.
      const aktor =
        h.processInstanceId === startmeddelande && h.activityType === 'messageStartEvent'
          ? (k.arende.rad.registrerad_av ?? null)
          : korrelerare(k.operationer, h);
      handelser.push(meddelande(h, grannar, k.uppdateringar, process, k.lagrum(h, h.processDefinitionId), aktor));
      continue;
    }
    if (INTE_STEG.has(h.activityType) || !h.activityName) continue;
    handelser.push(TIMERTYPER.has(h.activityType) ? timer(k, h, h.activityName, process) : steg(k, h, h.activityName, process));
  }
  return handelser;
}

/** A timer that fired: when it was set for, and who ran it if it was run by hand. */
function timer(k: Kallor, h: HistoricActivityInstance, rubrik: string, process: string | undefined): Handelse {
  const kord = k.jobbloggar
    .filter((j) => j.successLog && j.activityId === h.activityId && j.processInstanceId === h.processInstanceId)
    .sort(
      (x, y) =>
        Math.abs(engineTimeMs(x.timestamp) - engineTimeMs(h.startTime)) - Math.abs(engineTimeMs(y.timestamp) - engineTimeMs(h.startTime)),
    )[0];
  const anvandare = kord ? k.manuelltKord.get(kord.jobId) : undefined;
  return {
    typ: 'steg',
    tid: iso(h.startTime),
    slut: h.endTime ? iso(h.endTime) : null,
    aktor: anvandare ?? 'Processmotorn (tiden)',
    rubrik,
    text: `Timern gick${kord?.jobDueDate ? ` (satt till ${tidText(kord.jobDueDate)})` : ''}${anvandare ? `; körd manuellt av ${anvandare}` : ''}.`,
    lagrum: k.lagrum(h, h.processDefinitionId),
    process,
    aktivitet: h.activityId,
  };
}

function steg(k: Kallor, h: HistoricActivityInstance, rubrik: string, process: string | undefined): Handelse {
  const avslutade = h.activityType === 'boundaryConditional' ? avbrutetAv(k.aktiviteter, h) : undefined;
  return {
    typ: 'steg',
    tid: iso(h.startTime),
    slut: h.endTime ? iso(h.endTime) : null,
    aktor: h.activityType === 'serviceTask' ? 'Bokvar (automatiskt steg)' : null,
    rubrik,
    text: avslutade
      ? `Avslutade «${avslutade}».`
      : h.endTime
        ? h.canceled
          ? 'Avbrutet.'
          : h.activityType.endsWith('EndEvent')
            ? 'Nått.'
            : 'Klart.'
        : 'Pågår.',
    lagrum: k.lagrum(h, h.processDefinitionId),
    process,
    aktivitet: h.activityId,
  };
}

/** The scope a conditional boundary event ended: the activity cancelled as it fired, in its instance. */
function avbrutetAv(aktiviteter: HistoricActivityInstance[], h: HistoricActivityInstance): string | undefined {
  const tid = engineTimeMs(h.startTime);
  return (
    aktiviteter.find(
      (a) =>
        a !== h &&
        a.processInstanceId === h.processInstanceId &&
        a.canceled &&
        a.endTime &&
        a.activityName &&
        a.activityType === 'subProcess' &&
        Math.abs(engineTimeMs(a.endTime) - tid) <= 100,
    )?.activityName ?? undefined
  );
}
