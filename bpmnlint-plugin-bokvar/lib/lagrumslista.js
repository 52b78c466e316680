/**
 * "Lagrum: …" lists in the text of a diagram, read the way frister/lagrumslista.ts reads them
 * (hittaListor, granskaText). The plugin is plain JavaScript that Camunda Modeler bundles, so it
 * cannot import the TypeScript; it reads the catalogue as data (data/lagrum.json, written from
 * frister/lagrum.ts by `npm run bpmnlint-data`). test/unit/bpmn/bpmnlint-data.test.ts checks that
 * the data is the catalogue and that this reader finds exactly what the TypeScript reader finds.
 * Moddle hands the rules decoded text, so only plain text is read here.
 */
const katalog = require('../data/lagrum.json');

const IDN = Object.keys(katalog);
const arLagrumId = (id) => Object.prototype.hasOwnProperty.call(katalog, id);
const citera = (id) => (katalog[id].verifierad ? katalog[id].kortform : `${katalog[id].kortform} (ej verifierad)`);
const gallande = (id) => (katalog[id].ersattAv ? katalog[id].ersattAv.filter(arLagrumId).flatMap(gallande) : [id]);

const INLEDNING = /Lagrum: /g;
const SEPARATOR = /, |; /y;
const ID_POST = /([^[\];<>"\\\n]{0,60}?)\[([a-z0-9-]+)\]/y;
/** What may follow a catalogue text: the list goes on or ends (not a label before "[id]"). */
const SLUT = /^(?:$|[;,.<"\\)]|\s(?!\[))/;

// the longest first: no text is cut at a shorter one
const ALTERNATIV = IDN.flatMap((id) => [
  { raa: citera(id), id, slag: 'text' },
  ...(katalog[id].verifierad ? [] : [{ raa: katalog[id].kortform, id, slag: 'utan-markering' }]),
]).sort((x, y) => y.raa.length - x.raa.length);

function postVid(text, p) {
  for (const alt of ALTERNATIV) {
    if (text.startsWith(alt.raa, p) && SLUT.test(text.slice(p + alt.raa.length, p + alt.raa.length + 2))) {
      return { slag: alt.slag, id: alt.id, raa: alt.raa };
    }
  }
  ID_POST.lastIndex = p;
  const m = ID_POST.exec(text);
  if (m) return { slag: 'id', id: m[2], etikett: m[1].trim(), raa: m[0] };
  return undefined;
}

/** Every "Lagrum: …" list in a text: { start, slut, poster }. A list with no entry is not returned. */
function hittaListor(text) {
  const listor = [];
  for (const m of text.matchAll(INLEDNING)) {
    const start = m.index + m[0].length;
    if (listor.some((l) => start < l.slut)) continue;
    const poster = [];
    let p = start;
    for (;;) {
      const post = postVid(text, p);
      if (!post) break;
      poster.push(post);
      p += post.raa.length;
      SEPARATOR.lastIndex = p;
      if (!SEPARATOR.test(text) || !postVid(text, SEPARATOR.lastIndex)) break;
      p = SEPARATOR.lastIndex;
    }
    if (poster.length > 0) listor.push({ start, slut: p, poster });
  }
  return listor;
}

/**
 * What is wrong with the legal references in a text a person reads (empty: nothing): every
 * reference stands in a "Lagrum:" list as a catalogue text of law in force; outside the lists no
 * paragraph, chapter, raw id or SoL 2001:453 is written by hand. The messages are granskaText's.
 */
function granskaText(text) {
  const fel = [];
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
    } else if (katalog[post.id].ersattAv) {
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
  ]) {
    let forraTraff = -Infinity;
    for (const m of utanfor.matchAll(monster)) {
      if (m.index - forraTraff < 40) continue; // one message per place
      forraTraff = m.index;
      fel.push(`${vad}: "…${utanfor.slice(Math.max(0, m.index - 40), m.index + 30).replace(/\s+/g, ' ')}…"`);
    }
  }
  return fel;
}

module.exports = { hittaListor, granskaText };
