import { nastaVersionstagg, VERSIONSTAGG_FEL, VERSIONSTAGG_FORMAT } from '../domain/versionstagg.ts';

/**
 * The deployment's rule for version tags (issue 20): a changed diagram (or a
 * changed form or decision table deployed with it) needs a new
 * `camunda:versionTag`, so that a version's tag always names one content.
 * This is the decision alone, over what the files hold and what the engine's
 * latest version of each process was deployed with; ./deploy.ts reads both.
 */
export interface DriftsattVersion {
  version: number;
  versionTag: string | null;
  /** The files of the deployment the version came from, by resource name. */
  resurser: Map<string, string>;
}

export interface Paket {
  /** The diagram's file name (resource name), e.g. hot-om-avhysning.bpmn. */
  diagram: string;
  /** Each process in the diagram with its tag in the file. */
  processer: Map<string, string | null>;
  /** Every file deployed with it (diagram, forms, decision tables) by resource name. */
  filer: Map<string, string>;
}

export type Bedomning = { utfall: 'oforandrad' } | { utfall: 'driftsatt'; andrade: string[] } | { utfall: 'vagrad'; skal: string[] };

/** What to do with one diagram's bundle, given each process's latest deployed version (undefined: never deployed). */
export function bedomPaket(paket: Paket, driftsatt: Map<string, DriftsattVersion | undefined>, idag = new Date()): Bedomning {
  const skal: string[] = [];
  const andrade = new Set<string>();
  for (const [process, tagg] of paket.processer) {
    const tidigare = driftsatt.get(process);
    const andradeFiler = tidigare
      ? [...paket.filer].filter(([namn, innehall]) => !lika(tidigare.resurser.get(namn), innehall)).map(([n]) => n)
      : [];
    if (tidigare && andradeFiler.length === 0) continue;
    for (const f of andradeFiler) andrade.add(f);
    const var_ = `${paket.diagram}, processen «${process}»`;
    if (tagg === null) {
      skal.push(
        `${var_}: saknar versionstagg. Ge processen en versionstagg (camunda:versionTag, t.ex. ${nastaVersionstagg(null, idag)}) och kör npm run deploy igen.`,
      );
    } else if (!VERSIONSTAGG_FORMAT.test(tagg)) {
      skal.push(`${var_}: versionstaggen «${tagg}» har fel form – ${VERSIONSTAGG_FEL}.`);
    } else if (tidigare && tagg === tidigare.versionTag) {
      skal.push(
        `${var_}: innehållet är ändrat (${andradeFiler.join(', ')}) men versionstaggen är fortfarande ${tagg}, ` +
          `samma som den driftsatta version ${tidigare.version}. Sätt en ny versionstagg på processen ` +
          `(i Camunda Modeler: markera processen, fältet Version tag), t.ex. ${nastaVersionstagg(tagg, idag)}, och kör npm run deploy igen. ` +
          `Vill du inte ändra processen: ta tillbaka ändringen (git checkout -- bpmn/).`,
      );
    }
  }
  if (skal.length > 0) return { utfall: 'vagrad', skal };
  const nya = [...paket.processer.keys()].some((p) => !driftsatt.get(p));
  if (andrade.size === 0 && !nya) return { utfall: 'oforandrad' };
  return { utfall: 'driftsatt', andrade: [...andrade] };
}

/** The engine keeps a file's bytes; a checkout on Windows may have turned its line ends. */
function lika(a: string | undefined, b: string): boolean {
  return a !== undefined && a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');
}

export class DriftsattningVagrad extends Error {
  override name = 'DriftsattningVagrad';

  constructor(readonly skal: string[]) {
    super(`Driftsättningen stoppades – ingenting driftsattes:\n${skal.map((s) => `- ${s}`).join('\n')}`);
  }
}
