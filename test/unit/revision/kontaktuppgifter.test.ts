import { describe, expect, it } from 'vitest';
import type { HistoricTask } from '../../../engine-rest/types.ts';
import { kontaktuppgifter } from '../../../ui/revision/efterlevnad/facts.ts';

type Uppgift = Pick<HistoricTask, 'processInstanceId' | 'taskDefinitionKey' | 'startTime' | 'endTime' | 'deleteReason'>;

const uppgift = (taskDefinitionKey: string, endTime: string | null, deleteReason: string | null): Uppgift => ({
  processInstanceId: 'pi',
  taskDefinitionKey,
  startTime: '2026-11-20T09:00:00.000+0000',
  endTime,
  deleteReason,
});

describe('which contact tasks count as contacts in the compliance report', () => {
  it('counts completed and open contact tasks, not interrupted ones, and no other tasks', () => {
    const klar = uppgift('KontaktaHyresvarden', '2026-11-20T10:00:00.000+0000', 'completed');
    const oppen = uppgift('InformeraHyresvarden', null, null);
    const avbruten = uppgift('KontaktaHyresvarden', '2026-11-20T09:30:00.000+0000', 'deleted');
    const annan = uppgift('BeslutaOmUtredning', '2026-11-20T11:00:00.000+0000', 'completed');
    expect(kontaktuppgifter([klar, oppen, avbruten, annan])).toEqual([klar, oppen]);
  });
});
