import { z } from 'zod';
import { HISTORIK_TTL_FEL, HISTORIK_TTL_FORMAT, HISTORIK_TTL_STANDARD } from '../domain/gallring.ts';

const schema = z
  .object({
    BOKVAR_MILJO: z.enum(['utveckling', 'produktion']).default('utveckling'),
    BOKVAR_UI_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** The engine as browsers reach it (links to Tasklist and Cockpit). */
    BOKVAR_ENGINE_PUBLIC_URL: z.url(),
    /** The engine's REST API as the UI reaches it. */
    BOKVAR_ENGINE_URL: z.url().default('http://localhost:8080/engine-rest'),
    BOKVAR_UI_USER: z.string().min(1).default('bokvar-ui'),
    BOKVAR_UI_PASSWORD: z.string().min(1).default('bokvar-ui-utveckling'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    BOKVAR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Idle lifetime of a browser session. */
    BOKVAR_SESSION_MINUTER: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    /** Retention from the records plan; the night's gallring follows it (docs/gallring.md). */
    BOKVAR_HISTORIK_TTL: z.string().regex(HISTORIK_TTL_FORMAT, HISTORIK_TTL_FEL).default(HISTORIK_TTL_STANDARD),
    /** The bearer token for `GET /metrics` (docs/drift/metrik.md); unset or empty: metrics off, 404. */
    BOKVAR_METRIK_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  })
  .superRefine((env, ctx) => {
    if (env.BOKVAR_MILJO === 'produktion' && env.BOKVAR_UI_PASSWORD === 'bokvar-ui-utveckling') {
      ctx.addIssue({ code: 'custom', path: ['BOKVAR_UI_PASSWORD'], message: 'krävs i produktion' });
    }
  });

export type UiConfig = z.infer<typeof schema>;

export function readUiConfig(env: NodeJS.ProcessEnv = process.env): UiConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  throw new Error(`Bokvar UI kan inte starta, ogiltig konfiguration:\n${problems}`);
}
