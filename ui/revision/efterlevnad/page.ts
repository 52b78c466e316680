import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { PROCESSER } from '../../../domain/processer.ts';
import { svenskTidpunkt, tidText } from '../../../domain/svensk-tid.ts';
import { Problem, type Falt } from '../../api/problem.ts';
import { kravInloggadSida } from '../../auth/middleware.ts';
import { lasAllaArenden } from '../../auth/roller.ts';
import type { Engine } from '../../engine/engine.ts';
import { esc, sendPage } from '../../views/html.ts';
import { parseUrval } from './api.ts';
import { decimal } from './csv.ts';
import { efterlevnadsrapport } from './index.ts';
import { MATT_IDN } from './matt.ts';
import type { Efterlevnadsrapport, Matt, Nyckeltal, Rad, Urval } from './types.ts';

/**
 * The auditor's compliance report as pages: /revision (period and process,
 * every measure as a table of numbers) and /revision/efterlevnad/<mått> (the
 * case numbers behind a number, each linking to /revision/arenden/<nr>, where
 * the purpose is asked and the read logged). No names or personnummer here.
 */
export function efterlevnadPageRouter(db: Knex, engine: Engine): Router {
  const router = Router();
  const send = (req: Request, res: Response, titel: string, innehall: string, status = 200) =>
    sendPage(req, res, { titel, innehall, aktiv: 'efterlevnad' }, status);
  const behorig = (req: Request, res: Response): boolean => {
    if (lasAllaArenden(req.anvandare!)) return true;
    send(req, res, 'Saknar behörighet', '<h1>Saknar behörighet</h1><p>Efterlevnadsrapporten är till för revisorer.</p>', 403);
    return false;
  };
  /** The selection from the query, or the field errors to show in the form. */
  const urvalFran = (req: Request): { urval?: Urval; fel: Falt[] } => {
    try {
      return { urval: parseUrval(req.query), fel: [] };
    } catch (error) {
      if (error instanceof Problem) return { fel: error.falt ?? [] };
      throw error;
    }
  };

  router.get('/revision', kravInloggadSida, async (req, res) => {
    if (!behorig(req, res)) return;
    if (req.query.fran === undefined && req.query.till === undefined) {
      const idag = svenskTidpunkt(new Date());
      return send(req, res, 'Efterlevnad', sidhuvud() + formular({ fran: idag.startOf('year').toISODate()!, till: idag.toISODate()! }, []));
    }
    const { urval, fel } = urvalFran(req);
    const varden = { fran: String(req.query.fran ?? ''), till: String(req.query.till ?? ''), process: String(req.query.process ?? '') };
    if (!urval) return send(req, res, 'Efterlevnad – fel i urvalet', sidhuvud() + formular(varden, fel), 400);
    const r = await efterlevnadsrapport(db, engine, urval);
    send(req, res, 'Efterlevnad', sidhuvud() + formular(varden, []) + rapportHtml(r));
  });

  router.get('/revision/efterlevnad/:matt', kravInloggadSida, async (req, res) => {
    if (!behorig(req, res)) return;
    const mattId = String(req.params.matt);
    const { urval, fel } = urvalFran(req);
    if (!(MATT_IDN as readonly string[]).includes(mattId)) return send(req, res, 'Måttet finns inte', '<h1>Måttet finns inte</h1>', 404);
    if (!urval) return send(req, res, 'Efterlevnad – fel i urvalet', sidhuvud() + formular({}, fel), 400);
    const r = await efterlevnadsrapport(db, engine, urval);
    const matt = r.matt.find((m) => m.id === mattId);
    const radId = typeof req.query.rad === 'string' ? req.query.rad : undefined;
    const rader = matt?.rader.filter((x) => radId === undefined || x.id === radId) ?? [];
    if (!matt || rader.length === 0)
      return send(req, res, 'Listan finns inte', '<h1>Listan finns inte</h1><p>Måttet eller raden gäller inte det valda urvalet.</p>', 404);
    send(req, res, `${matt.rubrik} – ärenden`, arendelistaHtml(r, matt, rader, radId));
  });

  return router;
}

function sidhuvud(): string {
  return `<h1>Efterlevnad</h1>
<p>Hölls fristerna och samtyckesreglerna? Ärenden som togs emot under perioden, per mått. Sidan visar antal och ärendenummer, inga namn eller personnummer. Att öppna ett ärende kräver att du anger syftet, och läsningen loggas.</p>`;
}

function formular(v: { fran?: string; till?: string; process?: string }, fel: Falt[]): string {
  const felFor = (falt: string) => fel.filter((f) => f.falt === falt).map((f) => f.fel);
  const falt = (namn: string, etikett: string, varde: string | undefined) => {
    const egna = felFor(namn);
    return `<p><label for="${namn}">${etikett}</label><br>
<input type="date" id="${namn}" name="${namn}" value="${esc(varde ?? '')}" required${egna.length ? ` aria-invalid="true" aria-describedby="${namn}-fel"` : ''}>
${egna.length ? `<span id="${namn}-fel" class="falt-fel">${esc(egna.join('; '))}</span>` : ''}</p>`;
  };
  const processFel = felFor('process');
  const ovriga = fel.filter((f) => !['fran', 'till', 'process'].includes(f.falt));
  return `${fel.length ? `<div class="felruta" role="alert"><p>Urvalet har fel:</p><ul>${fel.map((f) => `<li>${esc(f.falt)}: ${esc(f.fel)}</li>`).join('')}</ul></div>` : ''}
<form method="get" action="/revision" class="filter">
<fieldset><legend>Urval: mottagna under perioden (svensk tid)</legend>
${falt('fran', 'Från och med', v.fran)}
${falt('till', 'Till och med', v.till)}
<p><label for="process">Process</label><br>
<select id="process" name="process"${processFel.length ? ' aria-invalid="true" aria-describedby="process-fel"' : ''}>
<option value="">Alla processer</option>
${Object.entries(PROCESSER)
  .map(([k, p]) => `<option value="${k}"${v.process === k ? ' selected' : ''}>${esc(p.namn)}</option>`)
  .join('')}
</select>${processFel.length ? ` <span id="process-fel" class="falt-fel">${esc(processFel.join('; '))}</span>` : ''}</p>
${ovriga.length ? `<p class="falt-fel">${esc(ovriga.map((f) => f.fel).join('; '))}</p>` : ''}
<button type="submit">Visa rapporten</button>
</fieldset>
</form>`;
}

function fraga(r: Efterlevnadsrapport, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({
    fran: r.urval.fran,
    till: r.urval.till,
    ...(r.urval.process ? { process: r.urval.process } : {}),
    ...extra,
  });
  return p.toString();
}

const csvLank = (r: Efterlevnadsrapport, extra: Record<string, string>, text: string) =>
  `<a href="/api/revision/efterlevnad?${esc(fraga(r, { format: 'csv', ...extra }))}" download>${esc(text)}</a>`;

const AVVIKELSE = '<strong class="avvikelse-markering"><span aria-hidden="true">⚠</span> Avvikelse</strong>';

function procent(v: number | null): string {
  return v === null ? '–' : `${decimal(v)} %`;
}

function nyckeltalText(n: Nyckeltal): string {
  if (n.varde === null) return '–';
  return n.enhet === 'procent' ? procent(n.varde) : n.enhet === 'dagar' ? `${decimal(n.varde)} dagar` : String(n.varde);
}

function rapportHtml(r: Efterlevnadsrapport): string {
  const avvikelser = r.matt.filter((m) => m.rader.some((x) => x.avvikelse) || m.nyckeltal.some((n) => n.avvikelse));
  return `<section aria-labelledby="rubrik-sammanfattning">
<h2 id="rubrik-sammanfattning">Sammanfattning</h2>
<p>${r.antalArenden} ärenden mottagna ${esc(r.urval.fran)}–${esc(r.urval.till)}${r.urval.process ? `, ${esc(PROCESSER[r.urval.process].namn)}` : ', alla processer'}. Beräknad ${esc(tidText(r.beraknad))}; pågående ärenden bedöms vid den tidpunkten.</p>
${
  avvikelser.length
    ? `<div class="felruta avvikelser"><p>${AVVIKELSE}: ${avvikelser.length} mått har avvikelser (något som ska vara 0 eller 100 % är det inte):</p><ul>${avvikelser
        .map((m) => `<li><a href="#matt-${m.id}">${esc(m.rubrik)}</a></li>`)
        .join('')}</ul></div>`
    : '<p>Inga avvikelser.</p>'
}
<p>${csvLank(r, { tabell: 'oversikt' }, 'Ladda ner översikten (CSV)')}</p>
</section>
${r.matt.map((m) => mattHtml(r, m)).join('\n')}`;
}

function mattHtml(r: Efterlevnadsrapport, m: Matt): string {
  const enhet = m.enhet === 'kontakter' ? 'kontakter' : m.enhet === 'brev' ? 'brev' : 'ärenden';
  const rader = m.rader
    .map(
      (x: Rad) => `<tr${x.avvikelse ? ' class="avvikelse"' : ''}>
<th scope="row">${esc(x.text)}${x.skaVaraNoll ? ' <span class="hjalp">(ska vara 0)</span>' : ''}</th>
<td class="tal"><a href="/revision/efterlevnad/${m.id}?${esc(fraga(r, { rad: x.id }))}" aria-label="${x.antal} ${enhet}: ${esc(x.text)} – visa ärendenummer">${x.antal}</a></td>
<td class="tal">${procent(x.andel)}</td>
<td>${x.avvikelse ? AVVIKELSE : ''}</td>
</tr>`,
    )
    .join('\n');
  const nyckeltal = m.nyckeltal
    .map(
      (n) =>
        `<dt>${esc(n.text)}${n.mal !== undefined ? ` <span class="hjalp">(mål ${n.enhet === 'procent' ? `${n.mal} %` : n.mal})</span>` : ''}</dt><dd>${nyckeltalText(n)}${n.avvikelse ? ` ${AVVIKELSE}` : ''}</dd>`,
    )
    .join('');
  return `<section id="matt-${m.id}" aria-labelledby="rubrik-${m.id}">
<h2 id="rubrik-${m.id}">${esc(m.rubrik)}</h2>
<p>${esc(m.definition)}</p>
<p class="hjalp">Lagrum och vägledning: ${esc(m.lagrum.join('; '))}</p>
${nyckeltal ? `<dl class="fakta">${nyckeltal}</dl>` : ''}
<table>
<caption>${esc(m.rubrik)}: ${m.population} ${enhet}</caption>
<thead><tr><th scope="col">Utfall</th><th scope="col">Antal ${enhet}</th><th scope="col">Andel</th><th scope="col">Avvikelse</th></tr></thead>
<tbody>
${rader}
</tbody>
</table>
<p>${csvLank(r, { tabell: m.id }, 'Ladda ner tabellen (CSV)')} · ${csvLank(r, { tabell: m.id, lista: 'alla' }, 'Ladda ner ärendelistan (CSV)')} · <a href="/revision/efterlevnad/${m.id}?${esc(fraga(r))}">Visa alla ärenden bakom måttet</a></p>
</section>`;
}

function arendelistaHtml(r: Efterlevnadsrapport, m: Matt, rader: Rad[], radId: string | undefined): string {
  const titel = radId ? `${m.rubrik}: ${rader[0]!.text}` : m.rubrik;
  const poster = rader.flatMap((x) => x.arenden.map((nr) => ({ nr, x })));
  const tabellrader = poster
    .map(
      ({ nr, x }) => `<tr${x.avvikelse ? ' class="avvikelse"' : ''}>
<th scope="row"><a href="/revision/arenden/${encodeURIComponent(nr)}">${esc(nr)}</a></th>
<td>${esc(r.arenden[nr]?.mottagen ?? '')}</td>
<td>${esc(x.text)}${x.avvikelse ? ` ${AVVIKELSE}` : ''}</td>
${m.dagar ? `<td class="tal">${m.dagar[nr] ?? '–'}</td>` : ''}
</tr>`,
    )
    .join('\n');
  return `<p><a href="/revision?${esc(fraga(r))}">Tillbaka till rapporten</a></p>
<h1>${esc(titel)}</h1>
<p>Ärenden mottagna ${esc(r.urval.fran)}–${esc(r.urval.till)}${r.urval.process ? `, ${esc(PROCESSER[r.urval.process].namn)}` : ''}. Att öppna ett ärende kräver att du anger syftet; läsningen loggas.</p>
<table>
<caption>${esc(titel)}: ${new Set(poster.map((p) => p.nr)).size} ärenden</caption>
<thead><tr><th scope="col">Ärendenummer</th><th scope="col">Mottagen</th><th scope="col">Utfall</th>${m.dagar ? '<th scope="col">Dagar</th>' : ''}</tr></thead>
<tbody>
${tabellrader || `<tr><td colspan="${m.dagar ? 4 : 3}">Inga ärenden.</td></tr>`}
</tbody>
</table>
<p>${csvLank(r, { tabell: m.id, lista: radId ?? 'alla' }, 'Ladda ner listan (CSV)')}</p>`;
}
