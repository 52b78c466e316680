import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lasPdf } from '../unit/brev/stod.ts';
import { eventually, stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { expectNoIncidents, historicVariable, submitFormAsTasklist, waitForTask } from './support/scenario.ts';
import { ui, underrattelse } from './support/ui.ts';

/**
 * The åtagande om betalningsansvar (JB 12:44) goes to the landlord by
 * registered post within the återvinningsfrist, so it needs the landlord's
 * postal address. A notice registered through the intake API may carry it;
 * when it does not, "Besluta om åtagande" asks for it as the committee commits
 * to pay. Either way the letter is written without an incident, on the real
 * engine and workers. People (fixtures/scenarier-folkbokforing.csv), owned by
 * this file: Kajsa Kvist, Jon Jarl.
 */
const KAJSA = {
  hyresgast: { personnummer: '197706113060', namn: 'Kajsa Kvist' },
  adress: { gatuadress: 'Kvistgatan 20', postnummer: '41311', ort: 'Göteborg', lagenhetsnummer: '1111' },
};
const JON = {
  hyresgast: { personnummer: '198910214090', namn: 'Jon Jarl' },
  adress: { gatuadress: 'Jarlgatan 21', postnummer: '41312', ort: 'Göteborg', lagenhetsnummer: '1112' },
};
const BESLUT = {
  ansvarigHandlaggare: 'Eva Ekonomiskt bistånd',
  atervinningsbeslut: 'ataga-betalningsansvar',
  atervinningMotivering: 'Beviljat bistånd till hyresskulden.',
};

let db: Knex;
beforeAll(async () => {
  db = knex({ client: 'pg', connection: stack().databaseUrl, pool: { min: 0, max: 2 } });
  await importScenarioPeople(stack().databaseUrl);
});
afterAll(async () => {
  await db.destroy();
});

async function registrera(over: Record<string, unknown>): Promise<string> {
  const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse(over) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.arendenummer as string;
}

/** The registered åtagande of the case, read back from the archived PDF. */
async function atagandet(arende: string): Promise<{ kanal: string; text: string }> {
  const rad = await eventually(
    'the åtagande letter',
    async () =>
      db('brev').where({ arendenummer: arende, typ: 'atagande-betalningsansvar' }).first<{ kanal: string; pdf: Buffer } | undefined>(),
    60_000,
  );
  return { kanal: rad.kanal, text: (await lasPdf(rad.pdf)).text };
}

describe("the landlord's postal address reaches the åtagande", () => {
  it('from the notice: the form shows it filled in, the registered letter goes to it, no incident', async () => {
    // given: a notice with the landlord's postal address
    const arende = await registrera({
      ...KAJSA,
      hyresvard: { namn: 'Kvistens Bostäder AB', kontaktperson: 'Lena Lund' },
      hyresvardAdress: { gatuadress: 'Förvaltargatan 5', postnummer: '411 06', ort: 'Göteborg' },
    });
    const task = await waitForTask(arende, 'BeslutaOmAtagande');

    // when: eva commits to pay and submits the form as Tasklist shows it
    let ifylld: unknown;
    await submitFormAsTasklist('eva', task, (prefill) => {
      ifylld = prefill.hyresvardAdress;
      return { ...BESLUT, hyresvardAdress: prefill.hyresvardAdress as Record<string, string> };
    });

    // then
    expect(ifylld).toEqual({ gatuadress: 'Förvaltargatan 5', postnummer: '41106', ort: 'Göteborg' });
    const brev = await atagandet(arende);
    expect(brev.kanal).toBe('rekommenderat');
    expect(brev.text).toContain('Kvistens Bostäder AB Att: Lena Lund Förvaltargatan 5 411 06 Göteborg');
    await expectNoIncidents(arende);
  });

  it('from the decision: a notice without it, the caseworker enters it in the form, the letter goes to it, no incident', async () => {
    // given: a notice without the landlord's postal address
    const arende = await registrera({ ...JON, hyresvard: { namn: 'Jarlens Fastigheter AB' } });
    const task = await waitForTask(arende, 'BeslutaOmAtagande');

    // when: the form asks for it and eva enters it
    let ifylld: unknown = 'not asked';
    await submitFormAsTasklist('eva', task, (prefill) => {
      ifylld = prefill.hyresvardAdress;
      return { ...BESLUT, hyresvardAdress: { gatuadress: 'Box 123', postnummer: '401 20', ort: 'Göteborg' } };
    });

    // then: nothing to prefill; the address is a Json variable, and the letter is addressed to it
    expect(ifylld).toBeUndefined();
    const brev = await atagandet(arende);
    expect(brev.kanal).toBe('rekommenderat');
    expect(brev.text).toContain('Jarlens Fastigheter AB Box 123 401 20 Göteborg');
    expect(await historicVariable(arende, 'hyresvardAdress')).toEqual({ gatuadress: 'Box 123', postnummer: '401 20', ort: 'Göteborg' });
    await expectNoIncidents(arende);
  });

  it('refuses a notice with an incomplete landlord address, field by field', async () => {
    const r = await ui('POST', '/api/underrattelser', {
      user: 'vera',
      body: underrattelse({ ...JON, hyresvardAdress: { gatuadress: 'Box 123', postnummer: '4012' } }),
    });
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.falt.map((f: { falt: string }) => f.falt).sort()).toEqual(['hyresvardAdress.ort', 'hyresvardAdress.postnummer']);
  });
});
