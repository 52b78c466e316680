import fs from 'node:fs';
import path from 'node:path';
import type { Deployment } from '../../../engine-rest/types.ts';
import { engineAsAdmin } from './engine.ts';

/**
 * Deploys a test diagram (a real .bpmn file under test/integration/fixtures/)
 * to the test engine. Unchanged fixtures are not deployed twice.
 */
export async function deployFixture(file: string): Promise<void> {
  const form = new FormData();
  const name = path.basename(file);
  form.set('deployment-name', `test-${name}`);
  form.set('enable-duplicate-filtering', 'true');
  form.append(name, new Blob([fs.readFileSync(file)]), name);
  await engineAsAdmin().postMultipart<Deployment>('/deployment/create', form);
}

export const fixturesDir = path.join(import.meta.dirname, '..', 'fixtures');
