import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importScenarioPeople } from './support/fixtures.ts';
import { eventually, stack } from './support/engine.ts';
import { historicVariable } from './support/scenario.ts';
import { ui } from './support/ui.ts';
import { axeViolations, launchChromium } from './support/browser.ts';

/**
 * The viewer in real Chromium (Debian's chromium, driven by playwright-core):
 * log in, register a paper notice, open the case and find the active task
 * highlighted in the diagram; every page passes axe-core with no violations.
 */
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // Bertil Ödman of the fixture extracts, so the case runs the ordinary path to its first task.
  await importScenarioPeople(stack().databaseUrl);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'sv-SE' });
  page.on('console', (m) => {
    // The form's intentional 400 (invalid notice) is not an error of the page.
    if (m.type() === 'error' && !m.text().includes('status of 400')) consoleErrors.push(m.text());
  });
});
const consoleErrors: string[] = [];
afterAll(async () => {
  await browser?.close();
});

async function axe(where: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${where}`).toEqual([]);
}

describe('the viewer in Chromium', () => {
  let arendenummer: string;

  it('logs in with an engine user', async () => {
    await page.goto(`${stack().uiUrl}/arenden`);
    expect(new URL(page.url()).pathname).toBe('/inloggning');
    await axe('the login page');
    await page.getByLabel('Användarnamn').fill('stina');
    await page.getByLabel('Lösenord').fill('stina');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(/\/arenden$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Öppna ärenden');
    await axe('the case list');
  });

  it('registers a paper notice with the same validation as the API', async () => {
    await page.goto(`${stack().uiUrl}/registrera`);
    await axe('the intake form');
    // an invalid personnummer is refused with the field named
    const now = DateTime.now().setZone('Europe/Stockholm');
    await page.getByLabel('Mottagen (datum och tid)').fill(now.minus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.getByLabel('Källa').selectOption('hyresvard');
    await page.getByLabel('Orsak').selectOption('obetald-hyra');
    await page.getByLabel('Personnummer').fill('197001011234');
    await page.getByLabel('Namn (obligatorisk)').first().fill('Bertil Ödman');
    // the tenant's and the landlord's address have fields of the same names: by id
    await page.locator('#f-adress-gatuadress').fill('Björkvägen 2');
    await page.locator('#f-adress-postnummer').fill('41502');
    await page.locator('#f-adress-ort').fill('Göteborg');
    await page.getByLabel('Lägenhetsnummer').fill('1002');
    await page.locator('#f-hyresvard-namn').fill('Bostadsbolaget AB');
    await page.getByLabel('Hyresvärdens postadress: gatuadress').fill('Förvaltargatan 5');
    await page.getByLabel('Hyresvärdens postadress: postnummer').fill('411 06');
    await page.getByLabel('Hyresvärdens postadress: ort').fill('Göteborg');
    await page.getByLabel('Delgivningsdatum').fill(now.minus({ days: 3 }).toISODate()!);
    await page.getByLabel('Hyresskuld (kr)').fill('12 500');
    await page.getByLabel('Beskrivning').fill(`Webbläsartest ${Date.now()}`);
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('alert').textContent()).toContain('hyresgast.personnummer');
    await axe('the intake form with errors');

    await page.getByLabel('Personnummer').fill('197001011233');
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.waitForURL(/\/arenden\/BV-\d{4}-\d{6}$/);
    arendenummer = page.url().split('/').pop()!;
    // the landlord's postal address went to the case as the variable the åtagande letter reads
    expect(await historicVariable(arendenummer, 'hyresvardAdress')).toEqual({
      gatuadress: 'Förvaltargatan 5',
      postnummer: '41106',
      ort: 'Göteborg',
    });
  });

  it('opens the case and finds the active task highlighted in the diagram', async () => {
    // the first caseworker task comes after the automated steps
    await eventually(
      'the task Aktualisera',
      async () => {
        const r = await ui('GET', `/api/arenden/${arendenummer}`, { user: 'stina' });
        return r.body.aktiviteter?.some((a: { id: string }) => a.id === 'Aktualisera') ? true : undefined;
      },
      60_000,
    );
    await page.goto(`${stack().uiUrl}/arenden/${arendenummer}`);
    await page.locator('#diagram[data-klar="true"]').waitFor();
    // the main process waits in the call activity, marked active with a token
    await page.locator('.djs-element.aktiv[data-element-id="KontaktOchUtredning"]').waitFor();
    await axe('the case view');
    // the call activity opens the called instance, where the task is
    await page.getByRole('button', { name: 'Öppna anropad instans (KontaktOchUtredning)' }).click();
    await page.locator('#diagram[data-klar="true"]').waitFor();
    await page.locator('.djs-element.aktiv[data-element-id="Aktualisera"]').waitFor();
    expect(await page.locator('.djs-overlay .token').count()).toBeGreaterThan(0);
    expect(await page.locator('.djs-element.avslutad').count()).toBeGreaterThan(0);
    expect(await page.locator('#diagraminfo').textContent()).toContain('Aktiva steg');
    await axe('the case view, called instance');
  }, 120_000);

  it('shows the overview heat map', async () => {
    await page.goto(`${stack().uiUrl}/oversikt`);
    await page.locator('#oversikt[data-klar="true"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.vardekarta').count()).toBeGreaterThan(0);
    await axe('the overview');
  });

  it('ran without script errors or CSP violations', () => {
    expect(consoleErrors).toEqual([]);
  });
});
