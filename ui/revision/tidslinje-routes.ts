import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { STATUSNAMN } from '../../domain/etiketter.ts';
import { tidText } from '../../domain/svensk-tid.ts';
import { hamtaRad, loggaLasning } from '../arenden/arenden.ts';
import { Problem, zodFalt, type Falt } from '../api/problem.ts';
import { kravInloggadSida } from '../auth/middleware.ts';
import { lasAllaArenden, type Anvandare } from '../auth/roller.ts';
import type { Engine } from '../engine/engine.ts';
import { esc, skickaSida } from '../views/html.ts';
import { skickaCsv, tillCsv } from './csv.ts';
import { renderaTidslinjePdf } from './tidslinje-pdf.ts';
import { byggTidslinje, HANDELSETYPER, TIDSLINJE_KOLUMNER, UTFALLSTEXT, type Tidslinje } from './tidslinje.ts';

/**
 * The auditor's case timeline: the page /revision/arenden/:nr (asks for the
 * purpose first, then shows the timeline) and the API
 * /api/revision/arenden/:nr/tidslinje[.pdf]. Revisor only. Privacy by
 * default: no timeline without a purpose, and every read is in the read log
 * with it (vy 'revision-tidslinje').
 */
export const VY = 'revision-tidslinje';

/** The purposes an auditor reads a case for; 'annat' needs a description. */
export const SYFTEN_REVISION = {
  'intern-kontroll': 'Intern kontroll',
  'tillsyn-ivo': 'Tillsyn (IVO)',
  revision: 'Revision',
  'klagomal-jo': 'Klagomål/JO',
  annat: 'Annat',
} as const;
type SyfteVal = keyof typeof SYFTEN_REVISION;

const syfteText = z.string({ error: 'saknas' }).trim().min(3, 'ange syftet (minst 3 tecken)').max(200, 'för långt (högst 200 tecken)');

const apiFraga = z.object({
  syfte: syfteText,
  format: z.enum(['json', 'csv']).default('json'),
});

const sidformular = z
  .object({
    syfte: z.enum(Object.keys(SYFTEN_REVISION) as [SyfteVal, ...SyfteVal[]], { error: 'välj ett syfte' }),
    syfteAnnat: z.string().trim().max(200, 'för långt (högst 200 tecken)').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.syfte === 'annat' && (v.syfteAnnat ?? '').length < 3) {
      ctx.addIssue({ code: 'custom', path: ['syfteAnnat'], message: 'beskriv syftet (minst 3 tecken)' });
    }
  })
  .transform((v) => (v.syfte === 'annat' ? `Annat: ${v.syfteAnnat}` : SYFTEN_REVISION[v.syfte]));

const ingetArende = () => new Problem(404, 'Ärendet finns inte', 'Inget ärende med det numret.');

function kravRevisor(a: Anvandare): void {
  if (!lasAllaArenden(a)) throw new Problem(403, 'Saknar behörighet', 'Ärendets tidslinje är till för revisorer.');
}

const filnamn = (nr: string, andelse: string) => `tidslinje-${nr}.${andelse}`;

/** The API: mounted under /api (which already refuses anonymous calls). */
export function tidslinjeApiRouter(db: Knex, engine: Engine): Router {
  const router = Router();

  const las = async (req: Request): Promise<{ t: Tidslinje; syfte: string; format: 'json' | 'csv' }> => {
    const a = req.anvandare!;
    kravRevisor(a);
    const fraga = apiFraga.safeParse(req.query);
    if (!fraga.success) {
      throw new Problem(400, 'Syfte krävs', 'Ange syftet med läsningen (syfte); det skrivs i läsloggen.', zodFalt(fraga.error));
    }
    const t = await byggTidslinje(db, engine, a, String(req.params.arendenummer));
    if (!t) throw ingetArende();
    return { t, ...fraga.data };
  };

  router.get('/revision/arenden/:arendenummer/tidslinje', async (req, res) => {
    const { t, syfte, format } = await las(req);
    await loggaLasning(db, req.anvandare!, t.arendenummer, VY, format, syfte);
    if (format === 'csv') return skickaCsv(res, filnamn(t.arendenummer, 'csv'), tillCsv(TIDSLINJE_KOLUMNER, t.handelser));
    res.json(t);
  });

  router.get('/revision/arenden/:arendenummer/tidslinje.pdf', async (req, res) => {
    const { t, syfte } = await las(req);
    await loggaLasning(db, req.anvandare!, t.arendenummer, VY, 'pdf', syfte);
    const pdf = await renderaTidslinjePdf(t, { skapad: new Date(), utskrivenAv: req.anvandare!.id });
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="${filnamn(t.arendenummer, 'pdf')}"`)
      .set('Cache-Control', 'no-store')
      .send(pdf);
  });

  return router;
}

/** The page: GET asks for the purpose; POST (with the CSRF token) logs the read and shows the timeline. */
export function tidslinjeSidorRouter(db: Knex, engine: Engine): Router {
  const router = Router();
  const skicka = (req: Request, res: Response, titel: string, innehall: string, status = 200) =>
    skickaSida(req, res, { titel, innehall }, status);

  const forbered = async (req: Request, res: Response): Promise<string | undefined> => {
    const a = req.anvandare!;
    if (!lasAllaArenden(a)) {
      skicka(req, res, 'Saknar behörighet', '<h1>Saknar behörighet</h1><p>Ärendets tidslinje är till för revisorer.</p>', 403);
      return undefined;
    }
    const nr = String(req.params.arendenummer);
    if (!(await hamtaRad(db, nr))) {
      skicka(req, res, 'Ärendet finns inte', '<h1>Ärendet finns inte</h1><p>Inget ärende med det numret.</p>', 404);
      return undefined;
    }
    return nr;
  };

  router.get('/revision/arenden/:arendenummer', kravInloggadSida, async (req, res) => {
    const nr = await forbered(req, res);
    if (nr) skicka(req, res, `Syfte – ärende ${nr}`, syftesformular(nr, req.anvandare!.csrf ?? '', {}, []));
  });

  router.post('/revision/arenden/:arendenummer', kravInloggadSida, async (req, res) => {
    const nr = await forbered(req, res);
    if (!nr) return;
    const varden = req.body as Record<string, string | undefined>;
    const parsed = sidformular.safeParse({ syfte: varden.syfte || undefined, syfteAnnat: varden.syfteAnnat });
    if (!parsed.success) {
      return skicka(req, res, `Syfte – ärende ${nr} – fel`, syftesformular(nr, req.anvandare!.csrf ?? '', varden, zodFalt(parsed.error)), 400);
    }
    const t = await byggTidslinje(db, engine, req.anvandare!, nr);
    if (!t) return skicka(req, res, 'Ärendet finns inte', '<h1>Ärendet finns inte</h1>', 404);
    await loggaLasning(db, req.anvandare!, nr, VY, 'sida', parsed.data);
    skicka(req, res, `Tidslinje – ärende ${nr}`, tidslinjesida(t, parsed.data));
  });

  return router;
}

function syftesformular(nr: string, csrf: string, v: Record<string, string | undefined>, fel: Falt[]): string {
  const felFor = (falt: string) => fel.filter((f) => f.falt === falt).map((f) => f.fel);
  const syfteFel = felFor('syfte');
  const annatFel = felFor('syfteAnnat');
  return `<h1>Ärendets tidslinje – ${esc(nr)}</h1>
<p>Ärendet innehåller personuppgifter. Ange varför du öppnar det: syftet skrivs i läsloggen tillsammans med ditt namn och tiden.</p>
${
  fel.length
    ? `<div class="felruta" role="alert" tabindex="-1" id="felsammanfattning"><h2>Syftet saknas</h2><ul>${fel
        .map((f) => `<li><a href="#f-${esc(f.falt)}">${esc(f.falt === 'syfteAnnat' ? 'Beskriv syftet' : 'Syfte')}</a>: ${esc(f.fel)}</li>`)
        .join('')}</ul></div>`
    : ''
}
<form method="post" action="/revision/arenden/${esc(encodeURIComponent(nr))}" class="syfte" novalidate>
<input type="hidden" name="_csrf" value="${esc(csrf)}">
<p><label for="f-syfte">Syfte (obligatoriskt)</label><br>
${syfteFel.length ? `<span class="falt-fel" id="f-syfte-fel">${esc(syfteFel.join('; '))}</span><br>` : ''}
<select id="f-syfte" name="syfte" required${syfteFel.length ? ' aria-invalid="true" aria-describedby="f-syfte-fel"' : ''}>
<option value="">Välj …</option>
${Object.entries(SYFTEN_REVISION)
  .map(([k, namn]) => `<option value="${k}"${v.syfte === k ? ' selected' : ''}>${esc(namn)}</option>`)
  .join('')}
</select></p>
<p><label for="f-syfteAnnat">Beskriv syftet (krävs för Annat)</label><br>
${annatFel.length ? `<span class="falt-fel" id="f-syfteAnnat-fel">${esc(annatFel.join('; '))}</span><br>` : ''}
<input id="f-syfteAnnat" name="syfteAnnat" value="${esc(v.syfteAnnat)}" maxlength="200" autocomplete="off"${annatFel.length ? ' aria-invalid="true" aria-describedby="f-syfteAnnat-fel"' : ''}></p>
<p><button type="submit">Visa tidslinjen</button></p>
</form>`;
}

function tidslinjesida(t: Tidslinje, syfte: string): string {
  const q = `syfte=${encodeURIComponent(syfte)}`;
  const bas = `/api/revision/arenden/${encodeURIComponent(t.arendenummer)}/tidslinje`;
  const rader = t.handelser
    .map(
      (h) => `<tr class="h-${h.typ}">
<td><time datetime="${esc(h.tid)}">${esc(tidText(h.tid))}</time>${h.slut === undefined ? '' : h.slut === null ? ' – pågår' : ` – <time datetime="${esc(h.slut)}">${esc(tidText(h.slut))}</time>`}</td>
<td>${esc(HANDELSETYPER[h.typ])}</td>
<th scope="row">${esc(h.rubrik)}</th>
<td>${esc(h.aktor ?? '–')}</td>
<td>${esc(h.text)}${h.frist ? ` <strong>${esc(UTFALLSTEXT[h.frist.utfall])}</strong>` : ''}</td>
<td>${esc(h.lagrum.join('; ') || '–')}</td>
</tr>`,
    )
    .join('\n');
  return `<h1>Ärendets tidslinje – ${esc(t.arendenummer)}</h1>
<dl class="fakta">
<dt>Hyresgäst</dt><dd>${esc(t.hyresgast ?? '–')}</dd>
<dt>Mottagen</dt><dd>${esc(tidText(t.mottagen))}</dd>
<dt>Status</dt><dd>${STATUSNAMN[t.status]}</dd>
<dt>Syfte med läsningen</dt><dd>${esc(syfte)}</dd>
</dl>
<p><a href="${esc(`${bas}?${q}&format=csv`)}" download>Exportera som CSV</a> · <a href="${esc(`${bas}.pdf?${q}`)}" download>Exportera som PDF/A för akten</a> (varje export skrivs i läsloggen)</p>
<table class="tidslinjetabell">
<caption>Händelser i ärende ${esc(t.arendenummer)}, i tidsordning (${t.handelser.length})</caption>
<thead><tr><th scope="col">Tid</th><th scope="col">Händelse</th><th scope="col">Vad</th><th scope="col">Vem</th><th scope="col">Beskrivning</th><th scope="col">Lagrum</th></tr></thead>
<tbody>
${rader || '<tr><td colspan="6">Inga händelser.</td></tr>'}
</tbody>
</table>`;
}
