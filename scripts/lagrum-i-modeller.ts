import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSON_STRANG, XML_TEXT, granskaText, skrivOmListor, type Kodning } from '../frister/lagrumslista.ts';
import { modelsDir } from './deploy.ts';

/**
 * `npm run lagrum`: writes every "Lagrum: …" list in the models (bpmn/*.bpmn, *.dmn, *.form)
 * as catalogue texts from frister/lagrum.ts – "Lagrum: [osl-26-1], [sol-2001-453-11-1]." becomes
 * "Lagrum: 26 kap. 1 § offentlighets- och sekretesslagen; 14 kap. 2 § socialtjänstlagen (2025:400).".
 * Process owners deploy from Modeler, so the readable text must stand in the source itself; they
 * may write ids in Modeler and run this. Only the lists' text changes – never ids, XML structure,
 * diagram interchange or formatting – and running it again changes nothing.
 * `--kontroll`: changes nothing, exits 1 and names the files that need it.
 * Either way it lists what it cannot write itself (an id the catalogue lacks, a paragraph written
 * by hand in the prose): those a person rewrites.
 */
export function kodningFor(fil: string): Kodning | undefined {
  if (fil.endsWith('.bpmn') || fil.endsWith('.dmn')) return XML_TEXT;
  if (fil.endsWith('.form')) return JSON_STRANG;
  return undefined;
}

export function modellfiler(dir = modelsDir): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => kodningFor(f))
    .sort()
    .map((f) => path.join(dir, f));
}

const strangar = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strangar) : [];

/**
 * What is wrong with a model file's legal references (empty: nothing): the XML's text, or every
 * string of a form, checked by granskaText. The model rule test runs it on every file in bpmn/.
 * `innehall`: the file's text if not as on disk (what the tool would write).
 */
export function granskaFil(fil: string, innehall = fs.readFileSync(fil, 'utf8')): string[] {
  const texter = fil.endsWith('.form') ? strangar(JSON.parse(innehall)) : [XML_TEXT.avkoda(innehall)];
  return texter.flatMap(granskaText);
}

/** Rewrites the files; returns those that changed (or would change). */
export function lagrumIModeller(filer: string[], skriv = true): string[] {
  const andrade: string[] = [];
  for (const fil of filer) {
    const fore = fs.readFileSync(fil, 'utf8');
    const efter = skrivOmListor(fore, kodningFor(fil)!);
    if (efter === fore) continue;
    andrade.push(fil);
    if (skriv) fs.writeFileSync(fil, efter);
  }
  return andrade;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const kontroll = process.argv.includes('--kontroll');
  const andrade = lagrumIModeller(modellfiler(), !kontroll);
  for (const fil of andrade) console.log(`${kontroll ? 'behöver skrivas om' : 'omskriven'}: ${path.relative(process.cwd(), fil)}`);
  // what the tool cannot write for you: unknown ids, hand-written paragraphs in the prose
  const kvar = modellfiler().flatMap((fil) => {
    const efter = skrivOmListor(fs.readFileSync(fil, 'utf8'), kodningFor(fil)!);
    return granskaFil(fil, efter).map((fel) => `${path.relative(process.cwd(), fil)}: ${fel}`);
  });
  for (const rad of kvar) console.log(rad);
  if (andrade.length === 0 && kvar.length === 0) console.log('Alla lagrum i bpmn/ är katalogtexter.');
  if (kvar.length > 0 || (kontroll && andrade.length > 0)) process.exitCode = 1;
}
