/**
 * Prepares a running engine: identities and authorizations, Tasklist filters, Bokvar's
 * migrations, and the models in bpmn/. docker-compose runs it as the one-shot
 * `setup` service; `npm run deploy` runs only the model step (--models-only),
 * which is how a process owner deploys a changed diagram.
 */
import { z } from 'zod';
import { EngineRest } from '../engine-rest/client.ts';
import { migrateLatest } from '../migrations/index.ts';
import { DEV_ADMIN, DEV_UI_PASSWORD, DEV_WORKER_PASSWORD } from './config.ts';
import { HISTORIK_TTL_FEL, HISTORIK_TTL_FORMAT, HISTORIK_TTL_STANDARD } from '../domain/gallring.ts';
import { applyHistoryTimeToLive, deployModels, describeDeployed } from './deploy.ts';
import { provisionFilters } from './filters.ts';
import { DriftsattningVagrad } from './versionskontroll.ts';
import { provisionIdentity } from './identity.ts';
import { ldapEnvironmentSchema } from './ldap-config.ts';

const env = z
  .object({
    BOKVAR_MILJO: z.enum(['utveckling', 'produktion']).default('utveckling'),
    BOKVAR_ENGINE_URL: z.url().default('http://localhost:8080/engine-rest'),
    BOKVAR_ADMIN_USER: z.string().min(1).default(DEV_ADMIN.user),
    BOKVAR_ADMIN_PASSWORD: z.string().min(1).default(DEV_ADMIN.password),
    BOKVAR_WORKER_USER: z.string().min(1).default('bokvar-worker'),
    BOKVAR_WORKER_PASSWORD: z.string().min(1).default(DEV_WORKER_PASSWORD),
    BOKVAR_UI_USER: z.string().min(1).default('bokvar-ui'),
    BOKVAR_UI_PASSWORD: z.string().min(1).default(DEV_UI_PASSWORD),
    DATABASE_URL: z.url().optional(),
    // With the directory on, users, groups and memberships are the directory's (docs/ldap.md);
    // the engine itself reads and checks the directory's other settings.
    BOKVAR_LDAP_ENABLED: ldapEnvironmentSchema.shape.BOKVAR_LDAP_ENABLED,
    BOKVAR_HISTORIK_TTL: z.string().regex(HISTORIK_TTL_FORMAT, HISTORIK_TTL_FEL).default(HISTORIK_TTL_STANDARD),
  })
  .parse(process.env);

const modelsOnly = process.argv.includes('--models-only');
const engine = new EngineRest(env.BOKVAR_ENGINE_URL, { user: env.BOKVAR_ADMIN_USER, password: env.BOKVAR_ADMIN_PASSWORD });

if (!modelsOnly) {
  if (env.BOKVAR_MILJO === 'produktion' && env.BOKVAR_WORKER_PASSWORD === DEV_WORKER_PASSWORD) {
    throw new Error('BOKVAR_WORKER_PASSWORD krävs i produktion');
  }
  if (env.BOKVAR_MILJO === 'produktion' && env.BOKVAR_UI_PASSWORD === DEV_UI_PASSWORD) {
    throw new Error('BOKVAR_UI_PASSWORD krävs i produktion');
  }
  await provisionIdentity(engine, {
    mode: env.BOKVAR_MILJO,
    admin: { user: env.BOKVAR_ADMIN_USER, password: env.BOKVAR_ADMIN_PASSWORD },
    worker: { user: env.BOKVAR_WORKER_USER, password: env.BOKVAR_WORKER_PASSWORD },
    ui: { user: env.BOKVAR_UI_USER, password: env.BOKVAR_UI_PASSWORD },
    directory: env.BOKVAR_LDAP_ENABLED === 'true',
  });
  await provisionFilters(engine);
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL krävs för migreringarna');
  const applied = await migrateLatest(env.DATABASE_URL);
  console.log(`Migreringar: ${applied.length > 0 ? applied.join(', ') : 'inga nya'}`);
}
const changed = describeDeployed(
  await deployModels(engine).catch((error: unknown) => {
    // A refusal is the process owner's to fix: the Swedish reasons alone, no stack trace.
    if (!(error instanceof DriftsattningVagrad)) throw error;
    console.error(error.message);
    process.exit(1);
  }),
);
console.log(changed.length > 0 ? `Driftsatte ${changed.join(', ')}` : 'Modellerna är oförändrade – ingen ny version.');
const ttlAndrade = await applyHistoryTimeToLive(engine, env.BOKVAR_HISTORIK_TTL);
console.log(
  `Historikens livslängd ${env.BOKVAR_HISTORIK_TTL}: ${ttlAndrade > 0 ? `satt på ${ttlAndrade} definitioner` : 'alla definitioner har den redan'}.`,
);
