import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forhandsbedomningVuxen, installningsversion, lasInstallningar } from '../../frister/index.ts';
import { repoRoot } from '../../scripts/config.ts';
import type { Tidslinje } from '../../ui/revision/tidslinje/types.ts';
import { eventually, stack } from './support/engine.ts';
import { importScenarioPeople } from './support/fixtures.ts';
import { expectNoIncidents, historicVariable, waitForTask } from './support/scenario.ts';
import { ui, underrattelse } from './support/ui.ts';

/**
 * The deadline settings change while the stack runs: the test stack's workers read a copy of
 * frister/installningar.json (global-setup.ts), which this file edits as a process owner would
 * and puts back at the end. A case started after the change gets the new reminder and records
 * the new settings version; a case started before keeps its deadline.
 */
const fil = () => stack().installningarFil;
const workersLogg = path.join(process.env.BOKVAR_TEST_DATA_DIR ?? path.join(repoRoot, '.data', 'test'), 'logs', 'workers.log');
let original: string;

type Post = { senast: string; forfaller: string; installningsversion?: string; kalla?: { installning: string; varde: string } };

function medPaminnelse(veckor: number): string {
  const data = JSON.parse(original) as { forhandsbedomningVuxen: { paminnelse: { varde: number } } };
  data.forhandsbedomningVuxen.paminnelse.varde = veckor;
  return JSON.stringify(data, null, 2);
}

/** Saves the file and waits until the workers' log shows the line for it. */
async function spara(text: string, loggrad: (rad: Record<string, unknown>) => boolean): Promise<void> {
  const fore = fs.existsSync(workersLogg) ? fs.statSync(workersLogg).size : 0;
  fs.writeFileSync(fil(), text);
  await eventually(`workers log after saving ${path.basename(fil())}`, async () => {
    const nytt = fs.readFileSync(workersLogg).subarray(fore).toString('utf8');
    return nytt
      .split('\n')
      .filter((r) => r.startsWith('{'))
      .map((r) => JSON.parse(r) as Record<string, unknown>)
      .find(loggrad);
  });
}

/** A notice through Bokvar's intake, as the UI registers it (the auditor's timeline knows the case from there). */
async function startCase(): Promise<{ arende: string; mottagen: string }> {
  const notis = underrattelse();
  const svar = await ui('POST', '/api/underrattelser', { user: 'vera', body: notis });
  expect(svar.status).toBe(201);
  return { arende: svar.body.arendenummer as string, mottagen: notis.mottagen as string };
}

/** The case's reminder deadline as berakna-frister recorded it, and the due date of the task it governs. */
async function paminnelse(arende: string): Promise<{ post: Post; due: string }> {
  const task = await waitForTask(arende, 'Aktualisera');
  const underlag = await historicVariable<Record<string, Post>>(arende, 'fristunderlag');
  return { post: underlag!.forhandsbedomningPaminnelse!, due: task.due! };
}

beforeAll(async () => {
  await importScenarioPeople(stack().databaseUrl);
  original = fs.readFileSync(fil(), 'utf8');
});
afterAll(async () => {
  if (original === undefined || fs.readFileSync(fil(), 'utf8') === original) return;
  const version = installningsversion(JSON.parse(original));
  await spara(original, (r) => r.msg === 'installningar andrade' && r.till === version);
});

describe('deadline settings changed while the workers run', () => {
  it('applies a changed reminder to cases started after the change, records the settings version, and leaves earlier cases alone', async () => {
    // given: a case started under the shipped settings (reminder after 2 weeks)
    const ursprunglig = lasInstallningar(fil());
    const fore = await startCase();
    const foreFrist = await paminnelse(fore.arende);
    expect(foreFrist.post.senast).toBe(forhandsbedomningVuxen({ mottagen: fore.mottagen }, ursprunglig).paminnelse.senast);
    expect(foreFrist.post.installningsversion).toBe(ursprunglig.version);

    // when: the process owner sets the reminder to 3 weeks and saves
    const nyVersion = installningsversion(JSON.parse(medPaminnelse(3)));
    await spara(medPaminnelse(3), (r) => r.msg === 'installningar andrade' && r.till === nyVersion);

    // then: a case started now gets 3 weeks, on its deadline and on the task's due date, with the new version
    const ny = lasInstallningar(fil());
    expect(ny.version).toBe(nyVersion);
    const efter = await startCase();
    const efterFrist = await paminnelse(efter.arende);
    const forvantad = forhandsbedomningVuxen({ mottagen: efter.mottagen }, ny).paminnelse;
    expect(efterFrist.post.senast).toBe(forvantad.senast);
    expect(
      DateTime.fromISO(efterFrist.post.senast).diff(
        DateTime.fromISO(forhandsbedomningVuxen({ mottagen: efter.mottagen }, ursprunglig).paminnelse.senast),
        'days',
      ).days,
    ).toBe(7);
    expect(new Date(efterFrist.due).getTime()).toBe(new Date(forvantad.forfaller).getTime());
    expect(efterFrist.post.installningsversion).toBe(nyVersion);
    expect(efterFrist.post.kalla).toMatchObject({ installning: 'forhandsbedomningVuxen.paminnelse', varde: '3 veckor' });

    // and the case started before keeps its deadline and its task's due date
    const foreIgen = await paminnelse(fore.arende);
    expect(foreIgen.post).toEqual(foreFrist.post);
    expect(foreIgen.due).toBe(foreFrist.due);

    // and the auditor's timeline shows the setting and the version each deadline was computed with
    const tidslinje = await ui('GET', `/api/revision/arenden/${efter.arende}/tidslinje?syfte=Revision`, { user: 'rut' });
    expect(tidslinje.status).toBe(200);
    const handelse = (tidslinje.body as Tidslinje).handelser.find((h) => h.frist?.typ === 'forhandsbedomningPaminnelse');
    expect(handelse?.text).toContain(`Inställning: forhandsbedomningVuxen.paminnelse = 3 veckor (inställningsversion ${nyVersion})`);
    expect(handelse?.frist?.installningsversion).toBe(nyVersion);
    await expectNoIncidents(efter.arende);
  }, 120_000);

  it('keeps the last valid settings when the saved file is invalid', async () => {
    // given: the settings in force now
    const giltiga = lasInstallningar(fil());

    // when: a reminder after the escalation is saved
    await spara(medPaminnelse(6), (r) => r.msg === 'installningar ogiltiga: de senast giltiga galler');

    // then: a new case is computed with the last valid settings
    const arende = await startCase();
    const { post } = await paminnelse(arende.arende);
    expect(post.installningsversion).toBe(giltiga.version);
    expect(post.senast).toBe(forhandsbedomningVuxen({ mottagen: arende.mottagen }, giltiga).paminnelse.senast);
  });
});
