import knex from 'knex';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mottagareSchema } from '../../../domain/samtycke/mottagare.ts';
import { listaAv, tolkaTidpunkt } from '../../../workers/formularindata.ts';
import { describeIssues } from '../../../workers/run-safely.ts';
import { samtyckeAterkallaTopic } from '../../../workers/samtycke-aterkalla/handler.ts';
import { samtyckeKontrollTopic } from '../../../workers/samtycke-kontroll/handler.ts';
import { samtyckeRegistreraTopic } from '../../../workers/samtycke-registrera/handler.ts';
import { noEngine } from '../../support/no-engine.ts';

beforeAll(() => {
  z.config(z.locales.sv());
});

const db = knex({ client: 'pg' });

describe('tidpunkt', () => {
  it('reads a plain date as a whole Swedish day', () => {
    expect(tolkaTidpunkt('2026-11-25', 'start')?.toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(tolkaTidpunkt('2026-11-25', 'slut')?.toISOString()).toBe('2026-11-25T23:00:00.000Z');
    // the last Sunday of March has 23 hours
    expect(tolkaTidpunkt('2026-03-29', 'slut')?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('keeps the offset of a date-time, and reads one without offset as Swedish time', () => {
    expect(tolkaTidpunkt('2026-11-25T10:15+01:00', 'start')?.toISOString()).toBe('2026-11-25T09:15:00.000Z');
    expect(tolkaTidpunkt('2026-11-25T09:15:00Z', 'slut')?.toISOString()).toBe('2026-11-25T09:15:00.000Z');
    expect(tolkaTidpunkt('2026-11-25T09:15:00.000+0000', 'start')?.toISOString()).toBe('2026-11-25T09:15:00.000Z');
    expect(tolkaTidpunkt('2026-07-01T10:00', 'start')?.toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    for (const text of ['2026-13-01', '25/11/2026', 'igår', '2026-11-25 10:00', '']) {
      expect(tolkaTidpunkt(text, 'start')).toBeNull();
    }
  });
});

describe('listaAv', () => {
  const schema = listaAv(mottagareSchema);

  it('takes a checklist, one value or a comma-separated text, without repeats', () => {
    expect(schema.parse(['hyresvard', 'kronofogden', 'hyresvard'])).toEqual(['hyresvard', 'kronofogden']);
    expect(schema.parse('hyresvard')).toEqual(['hyresvard']);
    expect(schema.parse('hyresvard, annan-forvaltning:aldre')).toEqual(['hyresvard', 'annan-forvaltning:aldre']);
  });

  it('names the entry outside the vocabulary', () => {
    const result = z.object({ samtyckeMottagare: schema }).safeParse({ samtyckeMottagare: ['hyresvard', 'grannen'] });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toMatch(/^samtyckeMottagare\.1: /);
    expect(describeIssues(result.error!)).not.toContain('grannen');
  });
});

describe("the topics' input names each wrong variable and never its value", () => {
  it('samtycke-registrera', () => {
    // given
    const input = samtyckeRegistreraTopic({ db, engine: noEngine() }).input.safeParse({
      hyresgast: { personnummer: '19121212-1213', namn: 'Tolvan Tolvansson' },
      samtyckeMottagare: [],
      samtyckeSyfte: 'kontakt-om-boendet',
      samtyckeForm: 'telepatiskt',
      samtyckeLamnatDatum: 'förra veckan',
      samtyckeDokumenteratAv: 'vera',
    });
    // then
    expect(input.success).toBe(false);
    const text = describeIssues(input.error!);
    expect(text).toContain('hyresgast.personnummer: Personnumret har fel kontrollsiffra');
    expect(text).toContain('samtyckeMottagare: ');
    expect(text).toContain('samtyckeForm: ');
    expect(text).toContain('samtyckeLamnatDatum: ska vara ett datum');
    expect(text).not.toMatch(/Tolvan|191212|förra veckan|telepatiskt/);
  });

  it('samtycke-registrera refuses a consent without a known documenter (no logged-in user completed the form)', () => {
    const input = samtyckeRegistreraTopic({ db, engine: noEngine() }).input.safeParse({
      hyresgast: { personnummer: '19121212-1212', namn: 'Tolvan Tolvansson' },
      samtyckeMottagare: 'hyresvard',
      samtyckeSyfte: 'kontakt-om-boendet',
      samtyckeForm: 'muntligt',
      samtyckeLamnatDatum: '2026-11-25',
      samtyckeDokumenteratAv: null,
    });
    expect(input.success).toBe(false);
    expect(describeIssues(input.error!)).toMatch(/^samtyckeDokumenteratAv: /);
  });

  it('samtycke-kontroll wants one recipient and one purpose', () => {
    const input = samtyckeKontrollTopic({ db, engine: noEngine() }).input.safeParse({
      hyresgast: { personnummer: '19121212-1212', namn: 'Tolvan Tolvansson' },
      samtyckeMottagare: 'annan-forvaltning',
    });
    expect(input.success).toBe(false);
    expect(describeIssues(input.error!)).toMatch(/samtyckeMottagare: .*samtyckeSyfte: /);
  });

  it('samtycke-aterkalla treats empty form fields as absent', () => {
    const input = samtyckeAterkallaTopic({ db, engine: noEngine() }).input.parse({
      hyresgast: { personnummer: '19121212-1212', namn: 'Tolvan Tolvansson' },
      aterkallelseOmfattning: 'hela',
      aterkallelseSamtyckeId: null,
      aterkallelseMottagare: [],
      aterkallelseSkal: '',
      aterkallelseTidpunkt: '2026-11-25T10:00+01:00',
      samtyckeDokumenteratAv: 'vera',
    });
    expect(input).toMatchObject({ aterkallelseSamtyckeId: undefined, aterkallelseMottagare: [], aterkallelseSkal: undefined });
  });
});
