import { z } from 'zod';

const schema = z.object({
  BOKVAR_UI_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The engine as browsers reach it (links to Tasklist and Cockpit). */
  BOKVAR_ENGINE_PUBLIC_URL: z.url(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  BOKVAR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type UiConfig = z.infer<typeof schema>;

export function readUiConfig(env: NodeJS.ProcessEnv = process.env): UiConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  throw new Error(`Bokvar UI kan inte starta, ogiltig konfiguration:\n${problems}`);
}
