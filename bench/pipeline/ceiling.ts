import { EngineRestError, type EngineRest } from '../../engine-rest/client.ts';
import { inParallel } from './stats.ts';

/**
 * The engine's own ceiling for external tasks on this machine: a no-op
 * process (one external task, topic bench-noop, which no worker subscribes
 * to), then plain fetchAndLock/complete loops with nothing but engine round
 * trips. What the workers reach in the burst is compared with this. The first
 * tenth (at most 200) is a warm-up, not timed: a freshly started engine runs
 * its first few hundred tasks markedly slower (JIT).
 */
export const NOOP_TOPIC = 'bench-noop';
const LOOPS = 4;
const MAX_TASKS = 8;

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  id="bench" targetNamespace="http://bokvar.se/bench">
  <bpmn:process id="bench-noop" name="Benchmark: tom uppgift" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Noop" />
    <bpmn:serviceTask id="Noop" name="Ingenting" camunda:type="external" camunda:topic="${NOOP_TOPIC}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Noop" targetRef="Slut" />
    <bpmn:endEvent id="Slut"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="bench-noop">
    <bpmndi:BPMNShape id="s1" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s2" bpmnElement="Noop"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="s3" bpmnElement="Slut"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="e1" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="e2" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

export interface Ceiling {
  tasks: number;
  seconds: number;
  perSecond: number;
  /** fetchAndLock answered 500 (competing fetchers, see docs/benchmarks.md). */
  conflicts: number;
}

/**
 * The loops fetch as the workers' own user, so the engine checks the same
 * authorizations for them as for the workers. The instances are started in
 * rounds of ROUND (untimed) and each round is drained (timed): the fetch query
 * grows with the number of waiting tasks, and the burst never has thousands
 * waiting on one topic.
 */
const ROUND = 100;

export async function measureCeiling(admin: EngineRest, worker: EngineRest, n: number): Promise<Ceiling> {
  const warmUp = Math.min(200, Math.ceil(n / 10));
  const form = new FormData();
  form.append('deployment-name', 'bench-noop');
  form.append('data', new Blob([XML], { type: 'application/xml' }), 'bench-noop.bpmn');
  await admin.postMultipart('/deployment/create', form);

  let completed = 0;
  let conflicts = 0;
  let timed = 0;
  for (let done = 0; done < warmUp + n; done += ROUND) {
    const round = Math.min(ROUND, warmUp + n - done);
    await inParallel(Array.from({ length: round }, (_, i) => i), 16, async () => {
      await admin.post('/process-definition/key/bench-noop/start', {});
    });
    const start = performance.now();
    await Promise.all(
      Array.from({ length: LOOPS }, async (_, loop) => {
        const workerId = `bench-noop-${loop}`;
        for (;;) {
          let tasks: { id: string }[];
          try {
            tasks = await worker.post('/external-task/fetchAndLock', { workerId, maxTasks: MAX_TASKS, topics: [{ topicName: NOOP_TOPIC, lockDuration: 60_000 }] });
          } catch (error) {
            if (error instanceof EngineRestError && error.status === 500) {
              conflicts += 1; // harmless: nothing was locked; fetch again
              continue;
            }
            throw error;
          }
          // Empty: whatever is left is locked by another loop, which completes it.
          if (tasks.length === 0) return;
          for (const task of tasks) {
            await worker.post(`/external-task/${task.id}/complete`, { workerId });
            completed += 1;
          }
        }
      }),
    );
    // The first rounds warm the engine up (JIT) and are not counted.
    if (done >= warmUp) timed += performance.now() - start;
  }
  const counted = warmUp + n - Math.ceil(warmUp / ROUND) * ROUND;
  if (completed !== warmUp + n) throw new Error(`ceiling: ${completed} of ${warmUp + n} no-op tasks completed`);
  const seconds = timed / 1000;
  return { tasks: counted, seconds, perSecond: counted / seconds, conflicts };
}
