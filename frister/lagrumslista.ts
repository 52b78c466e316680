import { LAGRUM_IDN, arLagrumId, citera, gallande, lagrum, type LagrumId } from './lagrum.ts';

/**
 * "Lagrum: …" – the list of legal references that ends a text a person reads in Bokvar's models
 * (BPMN documentation, DMN descriptions, Camunda Forms text). The list holds catalogue texts,
 * `citera(id)`, separated by "; ", e.g.
 *   "Lagrum: 20 kap. 2 § socialtjänstlagen (2025:400); 5 kap. 4 § SoF (ej verifierad)."
 * A process owner may write catalogue ids in Modeler ("Lagrum: [osl-26-1], [osl-12-2].");
 * scripts/lagrum-i-modeller.ts turns them into the texts. One reader for the tool, the model
 * rule test and the timeline, so the three never disagree on what a list is.
 */

/** How a text is written in a source file: the tool works on the file's own bytes, never reformats. */
export type Kodning = { koda(text: string): string; avkoda(raw: string): string };

/** Element text in XML (BPMN documentation, DMN description): quotes stay as they are. */
export const XML_TEXT: Kodning = {
  koda: (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  avkoda: (r) =>
    r
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;|&#34;/g, '"')
      .replace(/&apos;|&#39;/g, "'")
      .replace(/&amp;/g, '&'),
};

/** The inside of a JSON string (Camunda Forms). */
export const JSON_STRANG: Kodning = {
  koda: (t) => JSON.stringify(t).slice(1, -1),
  avkoda: (r) => JSON.parse(`"${r}"`) as string,
};

/** Plain text: a value already read out of its file. */
export const TEXT: Kodning = { koda: (t) => t, avkoda: (r) => r };

export type Listpost =
  /** A catalogue text exactly as `citera(id)` writes it. */
  | { slag: 'text'; id: LagrumId; raa: string }
  /** An unverified entry's short form without " (ej verifierad)". */
  | { slag: 'utan-markering'; id: LagrumId; raa: string }
  /** "[id]", possibly after a hand-written label ("26 kap. 1 § OSL [osl-26-1]"). */
  | { slag: 'id'; id: string; etikett: string; raa: string };

export type Lagrumslista = { start: number; slut: number; poster: Listpost[] };

const INLEDNING = /Lagrum: /g;
const SEPARATOR = /, |; /y;
const ID_POST = /([^[\];<>"\\\n]{0,60}?)\[([a-z0-9-]+)\]/y;
/** What may follow a catalogue text: the list goes on or ends (not a label before "[id]"). */
const SLUT = /^(?:$|[;,.<"\\)]|\s(?!\[))/;

type Alternativ = { raa: string; id: LagrumId; slag: 'text' | 'utan-markering' };
const alternativCache = new Map<Kodning, Alternativ[]>();
function alternativ(k: Kodning): Alternativ[] {
  let a = alternativCache.get(k);
  if (!a) {
    a = LAGRUM_IDN.flatMap((id): Alternativ[] => [
      { raa: k.koda(citera(id)), id, slag: 'text' },
      ...(lagrum(id).verifierad ? [] : [{ raa: k.koda(lagrum(id).kortform), id, slag: 'utan-markering' as const }]),
    ]).sort((x, y) => y.raa.length - x.raa.length); // the longest first: no text is cut at a shorter one
    alternativCache.set(k, a);
  }
  return a;
}

function postVid(raw: string, p: number, k: Kodning): Listpost | undefined {
  for (const alt of alternativ(k)) {
    if (raw.startsWith(alt.raa, p) && SLUT.test(raw.slice(p + alt.raa.length, p + alt.raa.length + 2))) {
      return alt.slag === 'text' ? { slag: 'text', id: alt.id, raa: alt.raa } : { slag: 'utan-markering', id: alt.id, raa: alt.raa };
    }
  }
  ID_POST.lastIndex = p;
  const m = ID_POST.exec(raw);
  if (m) return { slag: 'id', id: m[2]!, etikett: m[1]!.trim(), raa: m[0] };
  return undefined;
}

/** Every "Lagrum: …" list in a raw text, with what each entry is. A list with no entry is not returned. */
export function hittaListor(raw: string, k: Kodning = TEXT): Lagrumslista[] {
  const listor: Lagrumslista[] = [];
  for (const m of raw.matchAll(INLEDNING)) {
    const start = m.index! + m[0].length;
    if (listor.some((l) => start < l.slut)) continue;
    const poster: Listpost[] = [];
    let p = start;
    for (;;) {
      const post = postVid(raw, p, k);
      if (!post) break;
      poster.push(post);
      p += post.raa.length;
      SEPARATOR.lastIndex = p;
      if (!SEPARATOR.test(raw) || !postVid(raw, SEPARATOR.lastIndex, k)) break;
      p = SEPARATOR.lastIndex;
    }
    if (poster.length > 0) listor.push({ start, slut: p, poster });
  }
  return listor;
}

/** The catalogue entries a list's entries stand for, as current law (repealed entries → their successors). */
function gallandeIdn(poster: Listpost[]): LagrumId[] {
  const idn = poster.flatMap((p) => (arLagrumId(p.id) ? gallande(p.id) : []));
  return [...new Set(idn)];
}

/**
 * Rewrites every list into catalogue texts: ids, labelled ids, repealed entries and short forms
 * without their mark become `citera(id)` of the entries in force, separated by "; ". An id the
 * catalogue does not hold is left as written (the model rule test names it). Idempotent.
 */
export function skrivOmListor(raw: string, k: Kodning = TEXT): string {
  let ut = '';
  let forra = 0;
  for (const lista of hittaListor(raw, k)) {
    const delar: string[] = [];
    for (const post of lista.poster) {
      if (!arLagrumId(post.id)) delar.push(post.raa);
      else for (const id of gallande(post.id)) delar.push(k.koda(citera(id)));
    }
    ut += raw.slice(forra, lista.start) + [...new Set(delar)].join('; ');
    forra = lista.slut;
  }
  return ut + raw.slice(forra);
}

/** The catalogue entries a text cites in its lists, as current law. Old model versions wrote "[id]"; both are read. */
export function lagrumIText(text: string): LagrumId[] {
  return [...new Set(hittaListor(text).flatMap((l) => gallandeIdn(l.poster)))];
}

/**
 * What is wrong with the legal references in a text a person reads (empty: nothing). Every
 * reference stands in a "Lagrum:" list as a catalogue text of law in force; outside the lists no
 * paragraph, chapter, raw id or SoL 2001:453 is written by hand.
 */
export function granskaText(text: string): string[] {
  const fel: string[] = [];
  const listor = hittaListor(text);
  for (const post of listor.flatMap((l) => l.poster)) {
    if (post.slag === 'id') {
      fel.push(
        arLagrumId(post.id)
          ? `rått id "${post.raa}" – skriv katalogtexten (npm run lagrum)`
          : `"${post.raa}": ${post.id} finns inte i lagrumskatalogen (frister/lagrum.ts)`,
      );
    } else if (post.slag === 'utan-markering') {
      fel.push(`"${post.raa}" saknar " (ej verifierad)" (npm run lagrum)`);
    } else if (lagrum(post.id).ersattAv) {
      fel.push(`"${post.raa}" är upphävd; citera ${gallande(post.id).map(citera).join('; ')} (npm run lagrum)`);
    }
  }
  let utanfor = '';
  let forra = 0;
  for (const l of listor) {
    utanfor += `${text.slice(forra, l.start)} `;
    forra = l.slut;
  }
  utanfor += text.slice(forra);
  for (const [monster, vad] of [
    [/§|\bkap\./g, 'handskrivet lagrum (skriv det i en Lagrum-lista)'],
    [/\[[a-z][a-z0-9-]*\]/g, 'rått id utanför en Lagrum-lista'],
    [/2001:453/g, 'socialtjänstlagen (2001:453) är upphävd'],
  ] as const) {
    let forraTraff = -Infinity;
    for (const m of utanfor.matchAll(monster)) {
      if (m.index! - forraTraff < 40) continue; // one message per place
      forraTraff = m.index!;
      fel.push(`${vad}: "…${utanfor.slice(Math.max(0, m.index! - 40), m.index! + 30).replace(/\s+/g, ' ')}…"`);
    }
  }
  return fel;
}
