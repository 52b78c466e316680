import type { Knex } from 'knex';
import type { EngineRest } from '../../engine-rest/client.ts';
import { isConcurrentModification } from '../../engine-rest/concurrency.ts';
import { sleep } from './stats.ts';

/**
 * The samordnare names the responsible caseworker (BekraftaTillKronofogden);
 * the brev worker then writes the confirmation to Kronofogden and the copy to
 * the tenant in one transaction. Measured from the complete call's return until
 * both are rows in `brev`, one case at a time.
 */
const TYP = 'bekraftelse-kronofogden';

export async function confirmationToLetters(admin: EngineRest, db: Knex, arenden: string[], timeoutMs = 60_000): Promise<number[]> {
  const times: number[] = [];
  for (const arende of arenden) {
    const [task] = await admin.get<{ id: string }[]>('/task', {
      processInstanceBusinessKey: arende,
      taskDefinitionKey: 'BekraftaTillKronofogden',
    });
    if (!task) throw new Error(`${arende}: no BekraftaTillKronofogden task`);
    const variables = {
      ansvarigHandlaggare: { value: 'Vera Vuxenenheten', type: 'String' },
      ansvarigHandlaggareTelefon: { value: '031-365 00 00', type: 'String' },
    };
    // A worker may change a parallel branch of the case at that moment; Tasklist's user would submit again.
    for (let forsok = 1; ; forsok++) {
      try {
        await admin.post(`/task/${task.id}/complete`, { variables });
        break;
      } catch (error) {
        if (forsok >= 5 || !isConcurrentModification(error)) throw error;
      }
    }
    const t = performance.now();
    for (;;) {
      const [{ n }] = (await db('brev').where({ arendenummer: arende, typ: TYP }).count({ n: '*' })) as [{ n: string | number }];
      if (Number(n) >= 2) break;
      if (performance.now() - t > timeoutMs) throw new Error(`${arende}: letters not archived within ${timeoutMs} ms`);
      await sleep(10);
    }
    times.push(performance.now() - t);
  }
  return times;
}
