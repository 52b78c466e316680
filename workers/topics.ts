import { aktuellKontrollTopic } from './aktuell-kontroll/handler.ts';
import { aterupptaTopic } from './ateruppta/handler.ts';
import { beraknaFristerTopic } from './berakna-frister/handler.ts';
import { brevTopic } from './brev/handler.ts';
import { delaBarnTopic } from './dela-barn/handler.ts';
import { delaFristerTopic } from './dela-frister/handler.ts';
import type { WorkerDependencies } from './dependencies.ts';
import { folkbokforingTopic } from './folkbokforing/handler.ts';
import { hittaArendeTopic } from './hitta-arende/handler.ts';
import { lankaArendenTopic } from './lanka-arenden/handler.ts';
import { markeraBrevSkickatTopic } from './markera-brev-skickat/handler.ts';
import { rattatMeddelandeTopic } from './rattat-meddelande/handler.ts';
import { samtyckeAterkallaTopic } from './samtycke-aterkalla/handler.ts';
import { samtyckeAvbrytKontakterTopic } from './samtycke-avbryt-kontakter/handler.ts';
import { samtyckeKontrollTopic } from './samtycke-kontroll/handler.ts';
import { samtyckeRegistreraTopic } from './samtycke-registrera/handler.ts';
import type { TopicWorker } from './topic.ts';

/**
 * Every topic the workers subscribe: the catalogue that a test checks the
 * models and the element templates against.
 */
export function createTopics(deps: WorkerDependencies): TopicWorker[] {
  return [
    beraknaFristerTopic(),
    delaFristerTopic(deps),
    samtyckeKontrollTopic(deps),
    samtyckeRegistreraTopic(deps),
    samtyckeAterkallaTopic(deps),
    brevTopic(deps),
    markeraBrevSkickatTopic(deps),
    folkbokforingTopic(deps),
    aktuellKontrollTopic(deps),
    lankaArendenTopic(deps),
    hittaArendeTopic(deps),
    delaBarnTopic(deps),
    samtyckeAvbrytKontakterTopic(deps),
    aterupptaTopic(deps),
    rattatMeddelandeTopic(deps),
  ];
}
