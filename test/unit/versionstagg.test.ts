import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nastaVersionstagg, versionstaggar, VERSIONSTAGG_FORMAT } from '../../domain/versionstagg.ts';
import { planBundles } from '../../scripts/deploy.ts';
import { bedomPaket, type DriftsattVersion, type Paket } from '../../scripts/versionskontroll.ts';

const DIAGRAM = (tagg: string | null, namn = 'Aktualisera') =>
  `<bpmn:definitions><bpmn:process id="p" name="P" isExecutable="true"${tagg ? ` camunda:versionTag="${tagg}"` : ''}>` +
  `<bpmn:userTask id="A" name="${namn}" /></bpmn:process></bpmn:definitions>`;

function paket(tagg: string | null, namn?: string, form = '{"id":"f"}'): Paket {
  return {
    diagram: 'p.bpmn',
    processer: versionstaggar(DIAGRAM(tagg, namn)),
    filer: new Map([
      ['p.bpmn', DIAGRAM(tagg, namn)],
      ['f.form', form],
    ]),
  };
}

const driftsatt = (tagg: string | null, version = 3, form = '{"id":"f"}'): Map<string, DriftsattVersion> =>
  new Map([
    [
      'p',
      {
        version,
        versionTag: tagg,
        resurser: new Map([
          ['p.bpmn', DIAGRAM(tagg)],
          ['f.form', form],
        ]),
      },
    ],
  ]);

const DEC = new Date('2026-12-02T12:00:00Z');

describe('the deployment rule for version tags', () => {
  it('deploys a process never deployed before', () => {
    expect(bedomPaket(paket('2026.12-1'), new Map(), DEC)).toEqual({ utfall: 'driftsatt', andrade: [] });
  });

  it('leaves an unchanged bundle alone, also when only its line ends differ', () => {
    expect(bedomPaket(paket('2026.12-1'), driftsatt('2026.12-1'), DEC)).toEqual({ utfall: 'oforandrad' });
    const crlf = paket('2026.12-1');
    crlf.filer.set('f.form', '{"id":"f"}\r\n');
    const lf = driftsatt('2026.12-1', 3, '{"id":"f"}\n');
    expect(bedomPaket(crlf, lf, DEC)).toEqual({ utfall: 'oforandrad' });
  });

  it('refuses a changed diagram that kept its tag, naming the file, the process, the tag and what to do', () => {
    const b = bedomPaket(paket('2026.12-1', 'Aktualisera ärendet'), driftsatt('2026.12-1'), DEC);
    expect(b.utfall).toBe('vagrad');
    const [skal] = b.utfall === 'vagrad' ? b.skal : [];
    expect(skal).toContain('p.bpmn, processen «p»');
    expect(skal).toContain('versionstaggen är fortfarande 2026.12-1');
    expect(skal).toContain('version 3');
    expect(skal).toContain('t.ex. 2026.12-2');
    expect(skal).toContain('npm run deploy');
  });

  it('refuses a changed form deployed with the diagram when the tag stayed, since it too makes a new version', () => {
    const b = bedomPaket(paket('2026.12-1', undefined, '{"id":"f","x":1}'), driftsatt('2026.12-1'), DEC);
    expect(b.utfall === 'vagrad' && b.skal[0]).toContain('(f.form)');
  });

  it('deploys a changed diagram with a new tag, and names what changed', () => {
    const tidigare = driftsatt('2026.12-1');
    expect(bedomPaket(paket('2026.12-2', 'Aktualisera ärendet'), tidigare, DEC)).toEqual({ utfall: 'driftsatt', andrade: ['p.bpmn'] });
  });

  it('refuses a missing or malformed tag on a changed or new process', () => {
    expect(bedomPaket(paket(null), new Map(), DEC)).toMatchObject({
      utfall: 'vagrad',
      skal: [expect.stringContaining('saknar versionstagg')],
    });
    expect(bedomPaket(paket('v2'), driftsatt('2026.12-1'), DEC)).toMatchObject({
      utfall: 'vagrad',
      skal: [expect.stringContaining('«v2» har fel form')],
    });
  });
});

describe('version tags', () => {
  it('suggests the next number in the same month, and a new month starts at 1', () => {
    expect(nastaVersionstagg('2026.12-1', DEC)).toBe('2026.12-2');
    expect(nastaVersionstagg('2026.12-9', DEC)).toBe('2026.12-10');
    expect(nastaVersionstagg('2026.11-4', DEC)).toBe('2026.12-1');
    expect(nastaVersionstagg(null, DEC)).toBe('2026.12-1');
  });

  it('has the form year.month-sequence', () => {
    for (const ok of ['2026.12-1', '2027.01-12']) expect(ok).toMatch(VERSIONSTAGG_FORMAT);
    for (const fel of ['2026.13-1', '2026.1-1', '2026.12-0', '2026.12', 'v1']) expect(fel).not.toMatch(VERSIONSTAGG_FORMAT);
  });

  it('is on every process in bpmn/', () => {
    const processer = planBundles().flatMap((b) => [...versionstaggar(fs.readFileSync(b.files[0]!, 'utf8'))]);
    expect(processer.length).toBeGreaterThanOrEqual(7);
    for (const [id, tagg] of processer) expect(tagg, id).toMatch(VERSIONSTAGG_FORMAT);
  });
});
