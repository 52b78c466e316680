import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/config.ts';
import { axeViolations, launchChromium } from './support/browser.ts';
import { eventually, stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { ui, underrattelse } from './support/ui.ts';

/**
 * The auditor's path in real Chromium: the revisor opens the compliance
 * report, follows a number to the cases behind it, opens one case — which
 * asks for the purpose first — and then finds that read, with its purpose, in
 * the read-access review. Every page passes axe-core.
 */
/** Screenshots for the README, like the Tasklist's. */
const bild = (namn: string) => page.screenshot({ path: path.join(repoRoot, 'docs', 'bilder', namn) });
const RUNE = { personnummer: '197503122389', namn: 'Rune Revisorsson' };
let browser: Browser;
let page: Page;
let arendenummer: string;
const idag = DateTime.now().setZone('Europe/Stockholm').toISODate()!;

async function inga(where: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${where}`).toEqual([]);
}

beforeAll(async () => {
  await importScenarioPeople(stack().databaseUrl);
  const svar = await ui('POST', '/api/underrattelser', {
    user: 'vera',
    body: underrattelse({
      hyresgast: RUNE,
      adress: { gatuadress: 'Revisionsgatan 3', postnummer: '41310', ort: 'Göteborg', lagenhetsnummer: '1110' },
    }),
  });
  expect(svar.status).toBe(201);
  arendenummer = svar.body.arendenummer;
  // The case has reached the förhandsbedömning (its first task) before the report is read.
  await eventually(
    'the case at Aktualisera',
    async () => {
      const r = await ui('GET', `/api/arenden/${arendenummer}`, { user: 'vera' });
      return (r.body.aktiviteter as { id: string }[] | undefined)?.find((a) => a.id === 'Aktualisera');
    },
    60_000,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'sv-SE' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the auditor in Chromium', () => {
  it('logs in as revisor and opens the compliance report for today', async () => {
    await page.goto(`${stack().uiUrl}/revision`);
    await page.getByLabel('Användarnamn').fill('rut');
    await page.getByLabel('Lösenord').fill('rut');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(/\/revision/);
    await page.getByLabel('Från och med').fill(idag);
    await page.getByLabel('Till och med').fill(idag);
    await page.getByRole('button', { name: /Visa/ }).click();
    await page.waitForURL(/fran=/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Efterlevnad/);
    // numbers, not names: the tenant is nowhere on the aggregate page
    expect(await page.content()).not.toContain('Revisorsson');
    expect(await page.content()).not.toContain(RUNE.personnummer);
    await inga('the compliance report');
    await bild('revision-efterlevnad.png');
  }, 60_000);

  it('follows a number to the case numbers behind it', async () => {
    await page.locator('#matt-forhandsbedomning a[href*="rad=pagar"]').first().click();
    await page.waitForURL(/\/revision\/efterlevnad\/forhandsbedomning/);
    const lank = page.getByRole('link', { name: arendenummer, exact: true });
    await expect.poll(() => lank.count()).toBe(1);
    expect(await page.content()).not.toContain('Revisorsson');
    await inga('the case list behind a number');
    await lank.click();
  }, 60_000);

  it('opens the case only with a purpose, and sees its timeline', async () => {
    await page.waitForURL(new RegExp(`/revision/arenden/${arendenummer}$`));
    await inga('the purpose form');
    // without a purpose the case is not shown
    await page.getByRole('button', { name: /Visa|Öppna/ }).click();
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain('Revisorsson');
    await inga('the purpose form with an error');
    await page.getByLabel('Syfte (obligatoriskt)').selectOption('intern-kontroll');
    await page.getByRole('button', { name: /Visa|Öppna/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(arendenummer);
    expect(await page.getByRole('table').first().textContent()).toContain('Underrättelse mottagen');
    await inga('the case timeline');
    await bild('revision-tidslinje.png');
  }, 60_000);

  it('finds that read, with its purpose, in the read-access review', async () => {
    await page.getByRole('link', { name: 'Loggkontroll' }).click();
    await page.waitForURL(/\/revision\/loggkontroll/);
    await page.getByLabel('Ärendenummer').fill(arendenummer);
    await page.getByLabel('Användare').fill('rut');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/arende=/);
    const rader = page.locator('table').first().locator('tbody tr');
    await expect.poll(() => rader.count()).toBe(1);
    const rad = (await rader.first().textContent()) ?? '';
    expect(rad).toContain('rut');
    expect(rad).toContain(arendenummer);
    expect(rad).toContain('Intern kontroll');
    await inga('the read-access review');
    await bild('revision-loggkontroll.png');
  }, 60_000);
});
