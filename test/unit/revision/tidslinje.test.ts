import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citera } from '../../../frister/index.ts';
import { renderTidslinjePdf } from '../../../ui/revision/tidslinje/pdf.ts';
import { bedomFrist } from '../../../ui/revision/tidslinje/handelser/frister.ts';
import { lagrumIModell } from '../../../ui/revision/tidslinje/lagrum.ts';
import type { Tidslinje } from '../../../ui/revision/tidslinje/types.ts';
import { lasPdf } from '../brev/stod.ts';

/** The pure parts of the case timeline: legal references from the models, the deadline verdict, the PDF/A. */
const bpmn = (namn: string) => readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'bpmn', namn), 'utf8');

describe('legal references from the model', () => {
  it("reads each activity's references from its documentation, only ids the catalogue knows", () => {
    const lagrum = lagrumIModell(bpmn('hot-om-avhysning.bpmn'));
    expect(lagrum.get('BeslutaOmAtagande')).toEqual(['jb-12-44-1', 'jb-12-44-4-1', 'lag-1930-173-2-jb-12-44']);
    expect(lagrum.has('KontrolleraFolkbokforing')).toBe(false);
    expect(lagrumIModell(bpmn('kontakt-och-utredning.bpmn')).get('InformeraHyresvarden')).toEqual(['osl-12-2', 'osl-26-1']);
  });

  it('reads a version deployed before the catalogue texts ("[id]"), showing a repealed SoL paragraph as the one in force', () => {
    const gammal = `<bpmn:userTask id="BeslutaOmUtredning" name="x">
      <bpmn:documentation>Besluta. Handboken steg 7. Lagrum: 11 kap. 1 § SoL (2001:453) [sol-2001-453-11-1], [osl-26-1], [sol-2001-453-4-1].</bpmn:documentation>`;
    expect(lagrumIModell(gammal).get('BeslutaOmUtredning')).toEqual([
      'sol-2025-400-14-2',
      'osl-26-1',
      'sol-2025-400-12-1',
      'sol-2025-400-11-1',
    ]);
    const ny = `<bpmn:userTask id="SkickaBekraftelse" name="x">
      <bpmn:documentation>Skicka. Lagrum: ${citera('handbok-bekraftelse-kronofogden')}; ${citera('sof-5-4')}.</bpmn:documentation>`;
    expect(lagrumIModell(ny).get('SkickaBekraftelse')).toEqual(['handbok-bekraftelse-kronofogden', 'sof-5-4']);
  });
});

describe('was the deadline met?', () => {
  const post = {
    typ: 'atervinningsfrist',
    slag: 'frist',
    art: 'lag',
    senast: '2026-12-29T00:00:00+01:00',
    forfaller: '2026-12-28T23:59:59+01:00',
  } as const;
  const senast = new Date(post.senast);
  const brev = (efter_frist: boolean, skickad: string | null = efter_frist ? '2026-12-29T10:00:00Z' : '2026-12-21T10:00:00Z') => ({
    id: 'b',
    typ: 'atagande-betalningsansvar',
    mottagare: 'hyresvard',
    kanal: 'rekommenderat',
    sha256: 'x',
    mallversion: '1',
    fristtyp: 'atervinningsfrist',
    frist_senast: senast,
    efter_frist,
    skapad: new Date('2026-12-20T10:00:00Z'),
    skickad: skickad ? new Date(skickad) : null,
    skickad_av: skickad ? 'registraturen' : null,
    skickad_registrerad: skickad ? new Date(skickad) : null,
  });
  const uppgift = (endTime: string | null, deleteReason: string | null) => ({
    id: 'u',
    name: 'Besluta om åtagande',
    taskDefinitionKey: 'BeslutaOmAtagande',
    processInstanceId: 'p',
    activityInstanceId: 'a',
    assignee: 'eva',
    startTime: '2026-12-01T10:00:00.000+0000',
    endTime,
    deleteReason,
    due: '2026-12-28T22:59:59.000+0000',
  });
  const timer = (successLog: boolean) => ({
    jobId: 'j',
    jobDueDate: '2026-12-28T23:00:00.000+0000',
    jobDefinitionType: 'timer-transition',
    activityId: 'AtervinningsfristenUte',
    processInstanceId: 'p',
    timestamp: '2026-12-28T23:00:01.000+0000',
    creationLog: !successLog,
    successLog,
    deletionLog: false,
  });
  const nu = new Date('2027-01-15T12:00:00Z');

  it('a letter that served it decides, counted on when it was sent: in time, or after', () => {
    expect(bedomFrist(post, [], [], [brev(false)], nu).utfall).toBe('uppfylld');
    expect(bedomFrist(post, [], [], [brev(true)], nu).utfall).toBe('ej-uppfylld');
    // written in time, sent at 00:00 the day after the last day: late
    expect(bedomFrist(post, [], [], [brev(false, post.senast)], nu).utfall).toBe('ej-uppfylld');
  });

  it('a letter written but not marked sent: running until the deadline, then not met', () => {
    expect(bedomFrist(post, [], [], [brev(false, null)], new Date('2026-12-22T00:00:00Z'))).toMatchObject({
      utfall: 'loper',
      forklaring: expect.stringContaining('inte markerat som skickat'),
    });
    expect(bedomFrist(post, [], [], [brev(false, null)], nu)).toMatchObject({
      utfall: 'ej-uppfylld',
      forklaring: expect.stringContaining('inte markerat som skickat'),
    });
  });

  it("else the task it governs (due = the deadline's due time): completed before it ran out, or after", () => {
    expect(bedomFrist(post, [uppgift('2026-12-20T09:00:00.000+0000', 'completed')], [], [], nu).utfall).toBe('uppfylld');
    expect(bedomFrist(post, [uppgift('2026-12-29T09:00:00.000+0000', 'completed')], [], [], nu).utfall).toBe('ej-uppfylld');
    expect(bedomFrist(post, [uppgift(null, null)], [], [], new Date('2026-12-10T00:00:00Z')).utfall).toBe('loper');
    expect(bedomFrist(post, [uppgift(null, null)], [], [], nu).utfall).toBe('ej-uppfylld');
  });

  it('else its timer: fired means the time ran out without the action; a reminder is only information', () => {
    const avbruten = uppgift('2026-12-28T23:00:01.000+0000', 'deleted');
    expect(bedomFrist(post, [avbruten], [timer(true)], [], nu)).toMatchObject({ utfall: 'ej-uppfylld' });
    expect(bedomFrist({ ...post, slag: 'tidpunkt', forfaller: undefined }, [], [timer(true)], [], nu).utfall).toBe('information');
    expect(bedomFrist({ ...post, art: 'information', forfaller: undefined }, [], [], [], nu).utfall).toBe('information');
    expect(bedomFrist({ ...post, forfaller: undefined }, [], [], [], nu).utfall).toBe('ingen-atgard');
  });
});

describe('the timeline as PDF/A for the case file', () => {
  const tidslinje: Tidslinje = {
    arendenummer: 'BV-2026-000042',
    processKey: 'hot-om-avhysning',
    hyresgast: 'Åsa Örnbäck',
    skyddadIdentitet: true,
    mottagen: '2026-11-26T08:00:00.000Z',
    status: 'avslutat',
    versioner: [
      {
        processInstanceId: 'a',
        process: 'hot-om-avhysning',
        anropadAv: null,
        version: 4,
        versionstagg: '2026.12-2',
        start: '2026-11-26T08:00:00.000Z',
        slut: null,
        tidigare: [{ version: 3, versionstagg: '2026.12-1', till: '2026-12-02T15:40:00.000Z' }],
      },
      {
        processInstanceId: 'b',
        process: 'kontakt-och-utredning',
        anropadAv: 'a',
        version: 2,
        versionstagg: '2026.12-1',
        start: '2026-11-26T08:00:01.000Z',
        slut: null,
        tidigare: [],
      },
    ],
    handelser: Array.from({ length: 60 }, (_, i) => ({
      typ: i % 2 ? 'uppgift' : 'kontakt',
      tid: new Date(Date.UTC(2026, 10, 26, 8, i)).toISOString(),
      slut: null,
      aktor: 'vera',
      rubrik: `Händelse ${i + 1} – Kontakta hyresvärden`,
      text: 'Grund: samtycke (skriftligt) som gällde vid kontakten. Syfte: Samverkan om möjligheterna att bo kvar.',
      lagrum: [citera('osl-12-2')],
    })),
  };

  it('declares PDF/A-2b, is tagged in Swedish, and carries every event over several pages', async () => {
    const pdf = await renderTidslinjePdf(tidslinje, { skapad: new Date('2026-11-27T09:00:00Z'), utskrivenAv: 'rut' });
    const last = await lasPdf(pdf);
    expect(last.xmp?.get('pdfaid:part')).toBe('2');
    expect(last.xmp?.get('pdfaid:conformance')).toBe('B');
    expect(last.radata).toContain('/Lang (sv-SE)');
    expect(last.radata).toContain('/MarkInfo');
    expect(last.info.Title).toBe('Ärendets tidslinje, ärende BV-2026-000042');
    expect(last.sidor).toBeGreaterThan(1);
    for (let i = 1; i <= 60; i++) expect(last.text).toContain(`Händelse ${i} – Kontakta hyresvärden`);
    expect(last.text).toContain('Åsa Örnbäck');
    expect(last.text).toContain('Skyddad identitet: Ja – adressen finns inte i handlingen');
    expect(last.text).toContain(`Sida 1 av ${last.sidor}`);
    // the rules it ran under: each instance's version and tag, called ones too, and what it was migrated from
    expect(last.text).toContain('hot-om-avhysning: version 4 (2026.12-2); tidigare version 3 (2026.12-1) till');
    expect(last.text).toContain('kontakt-och-utredning (anropad): version 2 (2026.12-1)');
  }, 30_000);

  it('gives the same bytes for the same timeline and time', async () => {
    const u = { skapad: new Date('2026-11-27T09:00:00Z'), utskrivenAv: 'rut' };
    expect((await renderTidslinjePdf(tidslinje, u)).equals(await renderTidslinjePdf(tidslinje, u))).toBe(true);
  });
});
