/**
 * `npm run migrera`: moves running cases to a new version of their process
 * (docs/processagare-versioner-och-migrering.md). Authenticates as the engine
 * administrator (BOKVAR_ADMIN_USER/BOKVAR_ADMIN_PASSWORD) and records every
 * instance's outcome, with who ran it (--av, or the logged-in user), in
 * Bokvar's database (DATABASE_URL; the embedded one of `npm start` without it).
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { EngineRest, EngineRestError } from '../engine-rest/client.ts';
import { createKnex } from '../migrations/index.ts';
import { DEV_ADMIN, repoRoot } from './config.ts';
import { embeddedAppUrl } from './database.ts';
import { ArgumentFel, parseArgument } from './migrering/argument.ts';
import { migrera } from './migrering/migrera.ts';
import { MigreringsFel } from './migrering/urval.ts';

const env = z
  .object({
    BOKVAR_ENGINE_URL: z.url().default('http://localhost:8080/engine-rest'),
    BOKVAR_ADMIN_USER: z.string().min(1).default(DEV_ADMIN.user),
    BOKVAR_ADMIN_PASSWORD: z.string().min(1).default(DEV_ADMIN.password),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    BOKVAR_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    // Where generated plans go; the tests write theirs elsewhere.
    BOKVAR_MIGRERINGSPLANER: z
      .string()
      .min(1)
      .default(path.join(repoRoot, 'bpmn', 'migreringar')),
  })
  .parse(process.env);

try {
  const argument = parseArgument(process.argv.slice(2));
  const engine = new EngineRest(env.BOKVAR_ENGINE_URL, { user: env.BOKVAR_ADMIN_USER, password: env.BOKVAR_ADMIN_PASSWORD });
  const db = createKnex(env.DATABASE_URL ?? embeddedAppUrl(env.BOKVAR_EMBEDDED_PG_PORT));
  try {
    const r = await migrera(
      engine,
      db,
      {
        ...argument,
        planKatalog: env.BOKVAR_MIGRERINGSPLANER,
        utfordAv: argument.av ?? os.userInfo().username,
        motoranvandare: env.BOKVAR_ADMIN_USER,
      },
      (rad) => console.log(rad),
    );
    if (r.valideringsfel.length > 0 || r.utfall.some((u) => !u.flyttad)) process.exitCode = 1;
  } finally {
    await db.destroy();
  }
} catch (error) {
  if (error instanceof ArgumentFel || error instanceof MigreringsFel) {
    console.error(error.message);
  } else if (error instanceof EngineRestError) {
    console.error(`Motorn svarade ${error.status}: ${error.message}`);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
