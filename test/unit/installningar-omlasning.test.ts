import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { STANDARDFIL, forhandsbedomningVuxen, glomInstallningar, hamtaInstallningar, installningsversion } from '../../frister/index.ts';
import { bevakaInstallningar, type Installningsbevakning } from '../../frister/bevakning.ts';

type Rad = Record<string, unknown> & { msg: string };

/** A logger whose lines the test reads back. */
function loggare() {
  const rader: Rad[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void rader.push(JSON.parse(s) as Rad) });
  return { log, rader };
}

const standardtext = readFileSync(STANDARDFIL, 'utf8');

/** A copy of the shipped file in a folder of its own, with the reminder set to `veckor` weeks. */
function tempfil(): string {
  const fil = path.join(mkdtempSync(path.join(tmpdir(), 'bokvar-installningar-')), 'installningar.json');
  writeFileSync(fil, standardtext);
  return fil;
}

function medPaminnelse(veckor: number): Record<string, unknown> {
  const data = JSON.parse(standardtext) as { forhandsbedomningVuxen: { paminnelse: { varde: number } } };
  data.forhandsbedomningVuxen.paminnelse.varde = veckor;
  return data;
}

const vanta = (villkor: () => boolean) => expect.poll(villkor, { timeout: 5000, interval: 20 }).toBe(true);
const MOTTAGEN = '2026-03-02T10:00:00+01:00';

let bevakning: Installningsbevakning | undefined;
afterEach(() => {
  bevakning?.stop();
  bevakning = undefined;
  glomInstallningar();
});

describe('the workers re-read the deadline settings while they run', () => {
  it('applies a valid change to deadlines computed after it, and logs each changed setting old → new', async () => {
    // given: the workers run with the shipped settings (reminder after 2 weeks)
    const fil = tempfil();
    const { log, rader } = loggare();
    bevakning = bevakaInstallningar(log, fil);
    const fore = hamtaInstallningar();
    expect(forhandsbedomningVuxen({ mottagen: MOTTAGEN }).paminnelse.senast).toBe('2026-03-17T00:00:00+01:00');

    // when: the process owner sets 3 weeks and saves (written in place)
    writeFileSync(fil, JSON.stringify(medPaminnelse(3), null, 2));
    await vanta(() => rader.some((r) => r.msg === 'installningar andrade'));

    // then: a deadline computed now uses 3 weeks, and records the new version
    const efter = hamtaInstallningar();
    expect(efter.version).toBe(installningsversion(medPaminnelse(3)));
    expect(efter.version).not.toBe(fore.version);
    expect(forhandsbedomningVuxen({ mottagen: MOTTAGEN }).paminnelse.senast).toBe('2026-03-24T00:00:00+01:00');
    const andrad = rader.find((r) => r.msg === 'installningar andrade')!;
    expect(andrad).toMatchObject({ fran: fore.version, till: efter.version, orsak: 'filen andrades' });
    expect(andrad.andringar).toEqual([{ installning: 'forhandsbedomningVuxen.paminnelse.varde', fran: '2', till: '3' }]);
    expect(rader.map((r) => r.msg)).toContain('installning forhandsbedomningVuxen.paminnelse.varde: 2 -> 3');
  });

  it('sees a file that an editor replaces (a new file renamed over the old one)', async () => {
    const fil = tempfil();
    const { log, rader } = loggare();
    bevakning = bevakaInstallningar(log, fil);

    // when: written beside it and renamed over it, as many editors save
    const ny = path.join(path.dirname(fil), '.installningar.json.swp');
    writeFileSync(ny, JSON.stringify(medPaminnelse(3)));
    renameSync(ny, fil);
    await vanta(() => rader.some((r) => r.msg === 'installningar andrade'));
    // and once more: the watch survives the replacement
    writeFileSync(ny, JSON.stringify(medPaminnelse(1)));
    renameSync(ny, fil);
    await vanta(() => hamtaInstallningar().forhandsbedomningVuxen.paminnelse.varde === 1);

    expect(hamtaInstallningar().version).toBe(installningsversion(medPaminnelse(1)));
  });

  it('keeps the last valid settings in force when the file turns invalid, and logs why', async () => {
    const fil = tempfil();
    const { log, rader } = loggare();
    bevakning = bevakaInstallningar(log, fil);
    const giltiga = hamtaInstallningar();

    // when: a reminder that comes after the escalation (5 weeks against 4), and a typo in a field name
    const fel = medPaminnelse(5) as { uppfoljning: Record<string, unknown> };
    fel.uppfoljning.efterAvslutt = fel.uppfoljning.efterAvslut;
    writeFileSync(fil, JSON.stringify(fel));
    await vanta(() => rader.some((r) => r.msg.startsWith('installningar ogiltiga')));

    // then: the settings in force are the last valid ones, and the log names each error
    expect(hamtaInstallningar()).toBe(giltiga);
    expect(forhandsbedomningVuxen({ mottagen: MOTTAGEN }).paminnelse.senast).toBe('2026-03-17T00:00:00+01:00');
    const ogiltig = rader.find((r) => r.msg.startsWith('installningar ogiltiga'))!;
    expect(ogiltig).toMatchObject({ level: 50, fil, version: giltiga.version });
    expect(ogiltig.fel).toEqual([
      'uppfoljning.efterAvslutt: okänt fält (stavfel?)',
      'forhandsbedomningVuxen.eskalering.varde: eskaleringen (4 veckor) måste komma efter påminnelsen (5 veckor)',
    ]);

    // and a file that is not JSON at all (a save half done) is refused the same way
    writeFileSync(fil, '{ "forhandsbedomningVuxen": ');
    await vanta(() => rader.some((r) => Array.isArray(r.fel) && String(r.fel[0]).includes('inte giltig JSON')));
    expect(hamtaInstallningar()).toBe(giltiga);
  });

  it('reads the file again on SIGHUP', () => {
    // given: a changed file (the watch reads it only after a quiet 200 ms; the signal reads it at once)
    const fil = tempfil();
    const { log, rader } = loggare();
    bevakning = bevakaInstallningar(log, fil);
    writeFileSync(fil, JSON.stringify(medPaminnelse(3)));

    // when
    process.emit('SIGHUP', 'SIGHUP');

    // then: read before this line, by the signal
    expect(hamtaInstallningar().forhandsbedomningVuxen.paminnelse.varde).toBe(3);
    expect(rader.find((r) => r.msg === 'installningar andrade')).toMatchObject({ orsak: 'SIGHUP' });
  });

  it('stops listening for SIGHUP once stopped', () => {
    const fil = tempfil();
    const { log } = loggare();
    const antal = process.listenerCount('SIGHUP');
    bevakning = bevakaInstallningar(log, fil);
    expect(process.listenerCount('SIGHUP')).toBe(antal + 1);
    bevakning.stop();
    expect(process.listenerCount('SIGHUP')).toBe(antal);
  });

  it('the version is the same for the same content whatever the key order or whitespace', () => {
    const data = JSON.parse(standardtext) as Record<string, unknown>;
    const omvand = Object.fromEntries(Object.entries(data).reverse());
    expect(installningsversion(omvand)).toBe(installningsversion(data));
    expect(installningsversion(data)).toMatch(/^[0-9a-f]{12}$/);
    expect(installningsversion(medPaminnelse(3))).not.toBe(installningsversion(data));
  });
});
