import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { completeWhenOpen, historicVariable, waitForTask } from './support/scenario.ts';
import { loggaIn, ui, underrattelse } from './support/ui.ts';

/**
 * Issue 19, item 4: personal data never reaches the logs. A whole case runs on
 * the real stack with a known tenant and her child (Amira Lindqvist and Noah,
 * from the folkbokföring fixture), through the intake API and the paper form,
 * with personnummer also in query strings and in a refused notice; then every
 * log file the test stack wrote (engine, UI, workers; logDir) is read, and no
 * form of either number may be in any of them.
 */
const AMIRA = '198503121231';
const NOAH = '201805041231';
/** A number with a wrong check digit: refused by the intake, and still never to be logged. */
const FELAKTIGT = '198503121232';

/** Every way a personnummer is written: with and without century, with and without hyphen. */
function skrivsatt(pnr: string): string[] {
  const kort = pnr.slice(2);
  return [pnr, `${pnr.slice(0, 8)}-${pnr.slice(8)}`, kort, `${kort.slice(0, 6)}-${kort.slice(6)}`];
}

function loggfiler(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile())
    .map((f) => path.join(f.parentPath, f.name));
}

const AMIRA_NOTICE = {
  hyresgast: { personnummer: AMIRA, namn: 'Amira Lindqvist' },
  adress: { gatuadress: 'Storgatan 1', postnummer: '41101', ort: 'Göteborg', lagenhetsnummer: '1101' },
  barn: [{ namn: 'Noah', alder: 8 }],
};

beforeAll(async () => {
  await importScenarioPeople(stack().databaseUrl);
});

describe('no personnummer in the logs', () => {
  it('a full case with a tenant and her child leaves no form of their personnummer in any log file', async () => {
    // intake through the API
    const r = await ui('POST', '/api/underrattelser', { user: 'vera', body: underrattelse(AMIRA_NOTICE) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const arende: string = r.body.arendenummer;
    // the same tenant on paper, through the form
    const session = await loggaIn('vera');
    const form = await fetch(`${stack().uiUrl}/registrera`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: session.cookie },
      body: new URLSearchParams({
        _csrf: session.csrf,
        mottagen: new Date().toISOString().slice(0, 16),
        kalla: 'hyresvard',
        orsak: 'obetald-hyra',
        'hyresgast.personnummer': `${AMIRA.slice(0, 8)}-${AMIRA.slice(8)}`,
        'hyresgast.namn': 'Amira Lindqvist',
        'adress.gatuadress': 'Storgatan 1',
        'adress.postnummer': '41101',
        'adress.ort': 'Göteborg',
        'hyresvard.namn': 'Bostadsbolaget AB',
        barn: '1',
        beskrivning: `Pappersunderrättelse ${Date.now()}`,
      }),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    // a refused notice whose number has a wrong check digit
    const fel = await ui('POST', '/api/underrattelser', {
      user: 'vera',
      body: underrattelse({ ...AMIRA_NOTICE, hyresgast: { personnummer: FELAKTIGT, namn: 'Amira Lindqvist' } }),
    });
    expect(fel.status).toBe(400);
    // personnummer in query strings, as a search or a mistyped link would send them
    for (const sokvag of [
      `/api/arenden?sok=${AMIRA}`,
      `/api/arenden?sok=${AMIRA.slice(0, 8)}-${AMIRA.slice(8)}&personnummer=${NOAH}`,
      `/api/arenden/${arende}?personnummer=${AMIRA.slice(2)}`,
      `/finns-inte?pnr=${AMIRA.slice(2, 8)}-${AMIRA.slice(8)}`,
    ]) {
      expect((await ui('GET', sokvag, { user: 'vera' })).status).toBeLessThan(500);
    }
    const sida = await fetch(`${stack().uiUrl}/arenden/${arende}?sok=${NOAH}`, { headers: { Cookie: session.cookie } });
    expect(sida.status).toBe(200);

    // the workers find Noah in folkbokföringen and share the case with barn och unga
    await expect.poll(() => historicVariable<boolean>(arende, 'barnBerorda'), { timeout: 60_000, interval: 500 }).toBe(true);
    await completeWhenOpen('vera', arende, 'Aktualisera', {
      treservaReferens: 'TRE-2026/456',
      ansvarigHandlaggare: 'Vera Vuxenenheten',
      ansvarigHandlaggareTelefon: '031-365 00 00',
      aktualiseringstyp: 'underrattelse-obetald-hyra',
      barnEnligtHandlaggare: true,
    });
    await waitForTask(arende, 'KontaktaHyresvarden');
    expect((await ui('GET', `/api/arenden/${arende}`, { user: 'vera' })).status).toBe(200);

    // the processes write their logs through pipes: let the last lines land
    const uiLogg = path.join(stack().logDir, 'ui.log');
    await eventually('the last request in the UI log', async () =>
      fs.readFileSync(uiLogg, 'utf8').includes('"route":"/api/arenden/:arendenummer"') ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const filer = loggfiler(stack().logDir);
    const namn = filer.map((f) => path.basename(f));
    expect(namn).toEqual(expect.arrayContaining(['engine.log', 'ui.log', 'workers.log']));
    // the logs are real: the UI's access log and the workers' steps are in them
    expect(fs.readFileSync(uiLogg, 'utf8')).toContain('"route":"/api/underrattelser"');
    expect(fs.readFileSync(path.join(stack().logDir, 'workers.log'), 'utf8')).toContain('"topic":"folkbokforing"');

    const fynd: string[] = [];
    for (const fil of filer) {
      const text = fs.readFileSync(fil, 'utf8');
      for (const pnr of [AMIRA, NOAH, FELAKTIGT]) {
        for (const form of skrivsatt(pnr)) {
          const i = text.indexOf(form);
          if (i >= 0) fynd.push(`${path.basename(fil)}: ${form} … ${text.slice(Math.max(0, i - 120), i + 40).replace(/\s+/g, ' ')}`);
        }
      }
    }
    expect(fynd).toEqual([]);
  });
});
