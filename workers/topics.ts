import { aktuellKontrollTopic } from './aktuell-kontroll/handler.ts';
import { aterupptaTopic } from './ateruppta/handler.ts';
import { beraknaFrister } from './berakna-frister/handler.ts';
import { brevTopic } from './brev/handler.ts';
import { markeraBrevSkickatTopic } from './brev/skickad-handler.ts';
import type { WorkerDependencies } from './dependencies.ts';
import { delaBarnTopic } from './dela-barn/handler.ts';
import { delaFristerTopic } from './dela-frister/handler.ts';
import { folkbokforingTopic } from './folkbokforing/handler.ts';
import { hittaArendeTopic } from './hitta-arende/handler.ts';
import { lankaArendenTopic } from './lanka-arenden/handler.ts';
import { rattatMeddelandeTopic } from './rattat-meddelande/handler.ts';
import { samtyckeAterkalla } from './samtycke/aterkalla-handler.ts';
import { samtyckeAvbrytKontakter } from './samtycke/avbryt-kontakter-handler.ts';
import { samtyckeKontroll } from './samtycke/kontroll-handler.ts';
import { samtyckeRegistrera } from './samtycke/registrera-handler.ts';
import type { TopicWorker } from './topic.ts';

/**
 * Every topic the workers subscribe: the catalogue that a test checks the
 * models and the element templates against.
 */
export function createTopics(deps: WorkerDependencies): TopicWorker[] {
  return [
    beraknaFrister,
    delaFristerTopic(deps),
    samtyckeKontroll(deps),
    samtyckeRegistrera(deps),
    samtyckeAterkalla(deps),
    brevTopic(deps),
    markeraBrevSkickatTopic(deps),
    folkbokforingTopic(deps),
    aktuellKontrollTopic(deps),
    lankaArendenTopic(deps),
    hittaArendeTopic(deps),
    delaBarnTopic(deps),
    samtyckeAvbrytKontakter(deps),
    aterupptaTopic(deps),
    rattatMeddelandeTopic(deps),
  ];
}
