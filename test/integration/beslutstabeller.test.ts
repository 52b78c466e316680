import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployModels, describeDeployed, modelsDir } from '../../scripts/deploy.ts';
import { engineAsAdmin, eventually, uniqueCaseNumber, stack } from './support/engine.ts';
import { fixturesDir, importScenarioPeople } from './support/fixtures.ts';
import { completeWhenOpen, expectNoIncidents, historicVariable, instancesOf, startByMessage, waitForTask } from './support/scenario.ts';

/**
 * kontakt-med-hyresvard.dmn is bound `latest` (bpmn/kontakt-och-utredning.bpmn): a changed rule is
 * deployed on its own, as a new decision version without a new process version, and a case that
 * is already running uses it when it reaches the task. The engine's history names the decision
 * version that decided. The changed rule (fixtures/kontakt-med-hyresvard-andrad.dmn, tag 2026.12-2):
 * a notice from the störningsjour now needs consent before the landlord is contacted.
 */
type Definition = { id: string; key: string; version: number; versionTag: string | null; deploymentId: string };
type DecisionInstance = { decisionDefinitionId: string; decisionDefinitionKey: string; activityId: string };

/** bpmn/ with the changed table in place of the shipped one: what a process owner deploys. */
function modelsWith(dmn: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bokvar-bpmn-'));
  fs.cpSync(modelsDir, copy, { recursive: true });
  fs.writeFileSync(path.join(copy, 'kontakt-med-hyresvard.dmn'), dmn);
  return copy;
}

const andrad = () => fs.readFileSync(path.join(fixturesDir, 'kontakt-med-hyresvard-andrad.dmn'), 'utf8');

async function startCase(): Promise<string> {
  const arende = uniqueCaseNumber('BV');
  await startByMessage('underrattelse-hot-om-avhysning', arende, {
    kalla: 'storningsjour',
    orsak: 'storningar',
    mottagen: DateTime.now().setZone('Europe/Stockholm').toISO()!,
    hyresgast: { personnummer: '197001011233', namn: 'Bertil Ödman' },
    adress: { gatuadress: 'Björkvägen 2', postnummer: '41502', ort: 'Göteborg', lagenhetsnummer: '1002' },
    barnEnligtAnmalan: false,
    delgivningsdatum: null,
  });
  return arende;
}

/** The case's kontakt-och-utredning instance (it holds the business rule task). */
async function kontaktinstans(arende: string): Promise<{ id: string; definitionId: string }> {
  const [instans] = await eventually('kontakt-och-utredning', async () =>
    (await instancesOf(arende)).filter((i) => i.definitionId.startsWith('kontakt-och-utredning:')),
  );
  return { id: instans!.id, definitionId: instans!.definitionId };
}

/** The decision the task took, and the decision definition (version, tag) that took it. */
async function beslut(processInstanceId: string): Promise<Definition> {
  const [instans] = await eventually('the historic decision instance', () =>
    engineAsAdmin().get<DecisionInstance[]>('/history/decision-instance', {
      processInstanceId,
      decisionDefinitionKey: 'kontakt-med-hyresvard',
    }),
  );
  expect(instans!.activityId).toBe('SamtyckeKravsForHyresvard');
  return engineAsAdmin().get<Definition>(`/decision-definition/${instans!.decisionDefinitionId}`);
}

const aktualisera = (arende: string) =>
  completeWhenOpen('vera', arende, 'Aktualisera', {
    treservaReferens: 'TRE-2026/321',
    ansvarigHandlaggare: 'Vera Vuxenenheten',
    ansvarigHandlaggareTelefon: '031-365 00 00',
    aktualiseringstyp: 'underrattelse-storningar',
    barnEnligtHandlaggare: false,
  });

let forsta: Definition;

beforeAll(async () => {
  await importScenarioPeople(stack().databaseUrl);
  const [latest] = await engineAsAdmin().get<Definition[]>('/decision-definition', { key: 'kontakt-med-hyresvard', latestVersion: true });
  forsta = latest!;
});
afterAll(async () => {
  // The shipped rule back for the files that follow: the deploy tool sees a change against the test's rule.
  const deployed = describeDeployed(await deployModels(engineAsAdmin()));
  expect(deployed.filter((d) => !d.startsWith('beslutstabell kontakt-med-hyresvard '))).toEqual([]);
}, 120_000);

describe('a decision table bound latest changes without a new process version', () => {
  it('a running case reaches the task after the change and is decided by the new rule, and history names the new version', async () => {
    // given: under the shipped rule a störningsjour's notice needs no consent (checked on a case run through)
    expect(forsta.versionTag).toBe('2026.12-1');
    const fore = await startCase();
    await aktualisera(fore);
    await waitForTask(fore, 'KontaktaHyresvarden');
    expect(await historicVariable<boolean>(fore, 'samtyckeKravsForHyresvard')).toBe(false);
    expect((await beslut((await kontaktinstans(fore)).id)).id).toBe(forsta.id);

    // and a case started now waits at aktualisering, before the business rule task
    const arende = await startCase();
    await waitForTask(arende, 'Aktualisera');
    const { id: instans, definitionId } = await kontaktinstans(arende);

    // when: the process owner deploys the changed table alone
    const deployed = describeDeployed(await deployModels(engineAsAdmin(), modelsWith(andrad())));

    // then: a new decision version, and no new process version
    expect(deployed).toEqual([`beslutstabell kontakt-med-hyresvard version ${forsta.version + 1}`]);
    const [ny] = await engineAsAdmin().get<Definition[]>('/decision-definition', { key: 'kontakt-med-hyresvard', latestVersion: true });
    expect(ny).toMatchObject({ version: forsta.version + 1, versionTag: '2026.12-2' });
    expect(ny!.deploymentId).not.toBe(forsta.deploymentId);

    // when: the running case reaches the task
    await aktualisera(arende);

    // then: the new rule decided (consent first), on the process version the case started on
    await waitForTask(arende, 'InhamtaSamtycke');
    expect(await historicVariable<boolean>(arende, 'samtyckeKravsForHyresvard')).toBe(true);
    expect(await historicVariable<string>(arende, 'kontaktgrundHyresvard')).toBe('samtycke-kravs');
    expect((await kontaktinstans(arende)).definitionId).toBe(definitionId);
    const beslutad = await beslut(instans);
    expect(beslutad).toMatchObject({ id: ny!.id, version: forsta.version + 1, versionTag: '2026.12-2' });
    // and the case decided before keeps its decision, taken by the version then in force
    expect((await beslut((await kontaktinstans(fore)).id)).id).toBe(forsta.id);
    await expectNoIncidents(arende);
  }, 180_000);

  it('refuses a changed table whose version tag did not change, and deploys nothing', async () => {
    // given: the table as the engine has it now (tag 2026.12-2), changed again without a new tag
    const utanNyTag = andrad().replace('en ändrad regel där', 'en ändrad regel (igen) där');
    const [fore] = await engineAsAdmin().get<Definition[]>('/decision-definition', { key: 'kontakt-med-hyresvard', latestVersion: true });

    // when / then
    await expect(deployModels(engineAsAdmin(), modelsWith(utanNyTag))).rejects.toThrow(
      /kontakt-med-hyresvard\.dmn: beslutstabellen "kontakt-med-hyresvard" med versionTag "2026\.12-2" finns redan driftsatt med annat innehåll/,
    );
    const [efter] = await engineAsAdmin().get<Definition[]>('/decision-definition', { key: 'kontakt-med-hyresvard', latestVersion: true });
    expect(efter!.id).toBe(fore!.id);
  });
});
