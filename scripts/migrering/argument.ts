import { parseArgs } from 'node:util';

/**
 * The command line of `npm run migrera`:
 *   --fran <key>:<version|tag> --till <tag> [--plan <file>] [--arenden nr1,nr2] [--torrkorning] [--av <namn>]
 */
export interface Argument {
  key: string;
  /** A version number ("3") or a version tag ("2026.12-1"). */
  franRef: string;
  tillTagg: string;
  plan: string | undefined;
  arenden: string[] | undefined;
  torrkorning: boolean;
  av: string | undefined;
}

export const ANVANDNING =
  'Användning: npm run migrera -- --fran <process>:<version|versionstagg> --till <versionstagg> ' +
  '[--plan bpmn/migreringar/<fil>.json] [--arenden nr1,nr2] [--torrkorning] [--av <ditt namn>]';

export class ArgumentFel extends Error {
  override name = 'ArgumentFel';
}

export function parseArgument(argv: string[]): Argument {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        fran: { type: 'string' },
        till: { type: 'string' },
        plan: { type: 'string' },
        arenden: { type: 'string' },
        torrkorning: { type: 'boolean', default: false },
        av: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ArgumentFel(`${error instanceof Error ? error.message : String(error)}\n${ANVANDNING}`);
  }
  const fran = /^([A-Za-z0-9_.-]+):(.+)$/.exec(values.fran ?? '');
  if (!fran) throw new ArgumentFel(`--fran saknas eller har fel form (process:version eller process:versionstagg).\n${ANVANDNING}`);
  if (!values.till) throw new ArgumentFel(`--till saknas: ange versionstaggen att flytta till.\n${ANVANDNING}`);
  const arenden = values.arenden
    ?.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (arenden && arenden.length === 0) throw new ArgumentFel(`--arenden är tom: ange ärendenummer åtskilda med komma.\n${ANVANDNING}`);
  return {
    key: fran[1]!,
    franRef: fran[2]!,
    tillTagg: values.till,
    plan: values.plan,
    arenden: arenden ? [...new Set(arenden)] : undefined,
    torrkorning: values.torrkorning ?? false,
    av: values.av,
  };
}
