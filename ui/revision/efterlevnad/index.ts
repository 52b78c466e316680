import type { Knex } from 'knex';
import { z } from 'zod';
import { PROCESSNYCKLAR, type ProcessKey } from '../../../domain/processer.ts';
import { svensktDatum } from '../../../domain/svensk-tid.ts';
import type { Engine } from '../../engine/engine.ts';
import { hamtaFakta } from './facts.ts';
import { beraknaMatt } from './matt.ts';
import type { Arendefakta, Efterlevnadsrapport, Urval } from './types.ts';

/**
 * The compliance report (efterlevnadsrapport) for auditors: for the cases received
 * in a period, were the deadlines and the consent rules kept? Every number
 * comes with the case numbers behind it, and nothing else about the cases:
 * no names, no personnummer.
 *
 * ./facts.ts gathers the facts of each case from the engine's history and
 * Bokvar's tables, ./matt.ts classifies them into the measures; this module
 * is the request and the report that joins the two.
 */

const datum = (falt: string) =>
  z.string({ error: 'saknas' }).superRefine((s, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) ctx.addIssue({ code: 'custom', message: `${falt} ska vara ett datum ÅÅÅÅ-MM-DD` });
    else if (Number.isNaN(Date.parse(`${s}T00:00:00Z`)) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: 'custom', message: 'datumet finns inte' });
    }
  });

export const urvalSchema = z
  .object({
    fran: datum('fran'),
    till: datum('till'),
    process: z
      .enum(PROCESSNYCKLAR as [ProcessKey, ...ProcessKey[]], { error: `okänd process; tillåtna: ${PROCESSNYCKLAR.join(', ')}` })
      .optional(),
  })
  .superRefine((u, ctx) => {
    // Only when both are dates: a malformed date has its own message.
    const ar = (d: unknown) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d);
    if (ar(u.fran) && ar(u.till) && u.till < u.fran)
      ctx.addIssue({ code: 'custom', path: ['till'], message: 'till får inte vara före fran' });
  });

export function rapport(urval: Urval, fakta: Arendefakta[], nu: Date): Efterlevnadsrapport {
  return {
    urval: { fran: urval.fran, till: urval.till, process: urval.process ?? null },
    beraknad: nu.toISOString(),
    antalArenden: fakta.length,
    arenden: Object.fromEntries(fakta.map((f) => [f.arendenummer, { mottagen: svensktDatum(f.mottagen), process: f.processKey }])),
    matt: beraknaMatt(fakta, nu, urval.process),
  };
}

/** The report for a period (and process), from the engine's history and Bokvar's tables, judged now. */
export async function efterlevnadsrapport(db: Knex, engine: Engine, urval: Urval, nu = new Date()): Promise<Efterlevnadsrapport> {
  return rapport(urval, await hamtaFakta(db, engine, urval), nu);
}
