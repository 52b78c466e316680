import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FRIST_GRUPPER, FRISTTYPER } from '../../../frister/index.ts';
import { beraknaFristerTopic } from '../../../workers/berakna-frister/handler.ts';

const beraknaFrister = beraknaFristerTopic();

/**
 * dela-frister hands on a group's deadlines by their types (FRISTTYPER): the map
 * must name exactly the types berakna-frister computes for each group, or a
 * recomputed deadline would stay behind in a called instance.
 */
const context = { taskId: 't', processInstanceId: 'p', businessKey: null, log: pino({ level: 'silent' }), extendLock: async () => {} };
const indata = {
  mottagen: '2026-12-01T10:00:00+01:00',
  orsak: 'obetald-hyra',
  delgivningsdatum: '2026-12-04',
  avhysningsdatum: '2027-01-20',
};

describe('FRISTTYPER', () => {
  it.each(FRIST_GRUPPER.map((g) => [g]))('%s: the types berakna-frister computes', async (grupp) => {
    const utfall = await beraknaFrister.handle(beraknaFrister.input.parse({ beraknaFrister: grupp, ...indata }), context);
    if (utfall.kind !== 'complete') throw new Error(grupp);
    const typer = new Set(Object.values(utfall.variables.fristunderlag as Record<string, { typ: string }>).map((f) => f.typ));
    expect([...typer].sort()).toEqual([...FRISTTYPER[grupp]].sort());
  });
});
