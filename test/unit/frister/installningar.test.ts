import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FristError,
  MILJOVARIABEL,
  STANDARDFIL,
  glomInstallningar,
  hamtaInstallningar,
  lasInstallningar,
  tolkaInstallningar,
} from '../../../frister/index.ts';
import { fixtur, standard } from './stod.ts';

const { fil: _fil, version: _version, ...standardData } = standard;

/** Standardinställningarna med ett värde utbytt på en punktad sökväg (eller borttaget med undefined). */
function andrad(sokvag: string, varde: unknown): unknown {
  const kopia = structuredClone(standardData) as Record<string, unknown>;
  const delar = sokvag.split('.');
  let nod = kopia;
  for (const d of delar.slice(0, -1)) nod = nod[d] as Record<string, unknown>;
  const sista = delar.at(-1)!;
  if (varde === undefined) delete nod[sista];
  else nod[sista] = varde;
  return kopia;
}

function felVid(data: unknown): string {
  try {
    tolkaInstallningar(data, 'test.json');
  } catch (e) {
    expect(e).toBeInstanceOf(FristError);
    expect((e as FristError).kod).toBe('OGILTIGA_INSTALLNINGAR');
    return (e as Error).message;
  }
  throw new Error('förväntade ett fel');
}

const tmp = mkdtempSync(join(tmpdir(), 'bokvar-frister-'));

describe('inställningsfilen', () => {
  afterEach(() => {
    delete process.env[MILJOVARIABEL];
    glomInstallningar();
  });

  it('den levererade filen frister/installningar.json är giltig och varje tid har en källa', () => {
    const inst = lasInstallningar(STANDARDFIL);
    expect(inst.fil).toBe(STANDARDFIL);
    expect(inst.forhandsbedomningVuxen.eskalering.kalla.length).toBeGreaterThan(0);
  });

  it('standardvärdena: 2/4 veckor, 14:00, 1 timme, [3, 1] vardagar, 4 veckor', () => {
    expect(standard.forhandsbedomningVuxen.paminnelse).toMatchObject({ varde: 2, enhet: 'veckor' });
    expect(standard.forhandsbedomningVuxen.eskalering).toMatchObject({ varde: 4, enhet: 'veckor' });
    expect(standard.bekraftelseKronofogden.eskaleringKlockslag.varde).toBe('14:00');
    expect(standard.bekraftelseKronofogden.eskaleringEfterSenMottagning).toMatchObject({ varde: 1, enhet: 'timmar' });
    expect(standard.avhysning.paminnelserFore.varde).toEqual([3, 1]);
    expect(standard.uppfoljning.efterAvslut).toMatchObject({ varde: 4, enhet: 'veckor' });
  });

  it('BOKVAR_FRISTER_INSTALLNINGAR pekar ut en annan fil; den läses en gång och gäller till omstart', () => {
    // Given: miljövariabeln pekar på en annan kommuns fil
    process.env[MILJOVARIABEL] = fixtur('installningar-ovanliga.json');
    glomInstallningar();
    // When
    const forsta = hamtaInstallningar();
    process.env[MILJOVARIABEL] = STANDARDFIL;
    const andra = hamtaInstallningar();
    // Then: den andra filen används inte förrän "omstart"
    expect(forsta.bekraftelseKronofogden.eskaleringKlockslag.varde).toBe('12:30');
    expect(andra).toBe(forsta);
    glomInstallningar();
    expect(hamtaInstallningar().fil).toBe(STANDARDFIL);
  });
});

describe('felaktiga inställningar stoppar med ett meddelande som namnger fältet', () => {
  it.each([
    ['forhandsbedomningVuxen.eskalering.varde', undefined, 'forhandsbedomningVuxen.eskalering.varde: saknas'],
    ['forhandsbedomningVuxen.eskalering.varde', '4', 'forhandsbedomningVuxen.eskalering.varde: måste vara ett tal'],
    ['forhandsbedomningVuxen.eskalering.varde', 2.5, 'forhandsbedomningVuxen.eskalering.varde: måste vara ett heltal'],
    ['forhandsbedomningVuxen.paminnelse.varde', 0, 'forhandsbedomningVuxen.paminnelse.varde: måste vara minst 1'],
    [
      'forhandsbedomningVuxen.paminnelse.enhet',
      'veckorna',
      'forhandsbedomningVuxen.paminnelse.enhet: måste vara "dagar", "veckor" eller "manader"',
    ],
    ['forhandsbedomningVuxen.paminnelse.kalla', ' ', 'forhandsbedomningVuxen.paminnelse.kalla: måste ange källan'],
    [
      'bekraftelseKronofogden.eskaleringKlockslag.varde',
      '25:00',
      'bekraftelseKronofogden.eskaleringKlockslag.varde: måste vara ett klockslag',
    ],
    [
      'bekraftelseKronofogden.eskaleringEfterSenMottagning.enhet',
      'dagar',
      'bekraftelseKronofogden.eskaleringEfterSenMottagning.enhet: måste vara "timmar" eller "minuter"',
    ],
    ['avhysning.paminnelserFore.varde', [3, 3], 'avhysning.paminnelserFore.varde: samma antal vardagar'],
    ['avhysning.paminnelserFore.varde', [3, 0], 'avhysning.paminnelserFore.varde.1: måste vara minst 1'],
    ['avhysning.paminnelserFore.varde', 3, 'avhysning.paminnelserFore.varde: måste vara en lista'],
    ['uppfoljning', undefined, 'uppfoljning: saknas'],
    ['uppfoljning.efterAvslut.vardee', 4, 'uppfoljning.efterAvslut.vardee: okänt fält'],
    ['svarUppfoljning.efter.enhet', 'dagar', 'svarUppfoljning.efter.enhet: måste vara "vardagar"'],
    ['svarUppfoljning.efter.varde', 0, 'svarUppfoljning.efter.varde: måste vara minst 1'],
  ])('%s = %j', (sokvag, varde, meddelande) => {
    // Given: standardfilen med ett fel  When: den valideras  Then: meddelandet namnger fältet
    const text = felVid(andrad(sokvag, varde));
    expect(text).toContain('test.json');
    expect(text).toContain(meddelande);
  });

  it('eskaleringen måste komma efter påminnelsen', () => {
    const text = felVid(andrad('forhandsbedomningVuxen.eskalering', { varde: 14, enhet: 'dagar', kalla: 'x' }));
    expect(text).toContain('forhandsbedomningVuxen.eskalering.varde: eskaleringen (14 dagar) måste komma efter påminnelsen (2 veckor)');
  });

  it('flera fel rapporteras på en gång', () => {
    const data = andrad('avhysning.paminnelserFore.enhet', 'dagar') as Record<string, unknown>;
    (data['uppfoljning'] as Record<string, Record<string, unknown>>)['efterAvslut']!['varde'] = -1;
    const text = felVid(data);
    expect(text).toContain('avhysning.paminnelserFore.enhet');
    expect(text).toContain('uppfoljning.efterAvslut.varde');
  });

  it('en fil som inte är JSON, eller som saknas, ger ett begripligt fel med filnamnet', () => {
    const trasig = join(tmp, 'trasig.json');
    writeFileSync(trasig, '{ "forhandsbedomningVuxen": ');
    expect(() => lasInstallningar(trasig)).toThrow(/trasig\.json[\s\S]*inte giltig JSON/);
    expect(() => lasInstallningar(join(tmp, 'finns-inte.json'))).toThrow(/finns-inte\.json[\s\S]*kunde inte läsas/);
  });
});
