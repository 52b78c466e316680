import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../engine-rest/types.ts';
import { deployModels, describeDeployed, modelsDir } from '../../scripts/deploy.ts';
import { engineAs, engineAsAdmin, eventually, stack, uniqueCaseNumber } from './support/engine.ts';
import { startByMessage } from './support/scenario.ts';

describe('the started stack', () => {
  it('has run Bokvar migrations on its own database', async () => {
    const client = new pg.Client({ connectionString: stack().databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM knex_migrations ORDER BY id');
      expect(rows.map((r) => r.name)).toContain('20261125_001_arenden');
    } finally {
      await client.end();
    }
  });

  it('makes no new version when the models are unchanged', async () => {
    expect(describeDeployed(await deployModels(engineAsAdmin()))).toEqual([]);
  });

  it('deploys a changed diagram together with its form, so the task form still resolves', async () => {
    // given: a process owner edits only the diagram
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bokvar-bpmn-'));
    fs.cpSync(modelsDir, copy, { recursive: true });
    const file = path.join(copy, 'kronofogden-avhysning.bpmn');
    // (a changed diagram needs a new version tag: a run-unique one, since the test engine may keep earlier runs' versions)
    const tagg = `2026.12-${Date.now()}`;
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('Handbokens checklista 2, ', 'Handbokens checklista 2 (ändrad), ')
        .replace(/camunda:versionTag="[^"]+"/, `camunda:versionTag="${tagg}"`),
    );

    // when
    const deployed = describeDeployed(await deployModels(engineAsAdmin(), copy));

    // then: a new version of that process, and its user task finds its form in the same deployment
    expect(deployed).toEqual([expect.stringMatching(/^kronofogden-avhysning version \d+$/)]);
    const instance = await startByMessage('kronofogden-meddelande', uniqueCaseNumber(), {
      kalla: 'kronofogden',
      mottagen: '2026-11-25T09:00:00+01:00',
      malnummer: 'KFM-1',
      avhysningsdatum: '2026-12-02',
      hyresgast: { personnummer: '196001011235', namn: 'Dan Saknad' },
      adress: { gatuadress: 'Storgatan 1', postnummer: '41101', ort: 'Göteborg' },
      hyresvard: null,
    });
    const [task] = await eventually('the task', () =>
      engineAs('stina').get<Task[]>('/task', { processInstanceId: instance, taskDefinitionKey: 'KontrolleraUppgifterna' }),
    );
    const form = await engineAs('stina').get<{ id: string; components: unknown[] }>(`/task/${task!.id}/deployed-form`);
    expect(form.id).toBe('kontrollera-uppgifterna');
  });

  it('serves the UI, which reaches the database and the engine', async () => {
    const health = await fetch(`${stack().uiUrl}/halsa`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', databas: true, motor: true });
    // anonymous visitors land on the Swedish login page, with the security headers
    const page = await fetch(`${stack().uiUrl}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('Logga in');
  });
});
