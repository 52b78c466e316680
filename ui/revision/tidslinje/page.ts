import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { STATUSNAMN } from '../../../domain/etiketter.ts';
import { tidText } from '../../../domain/svensk-tid.ts';
import { hamtaRad, loggaLasning } from '../../arenden/arenden.ts';
import { zodFalt, type Falt } from '../../api/problem.ts';
import { kravInloggadSida } from '../../auth/middleware.ts';
import { lasAllaArenden } from '../../auth/roller.ts';
import type { Engine } from '../../engine/engine.ts';
import { esc, sendPage } from '../../views/html.ts';
import { byggTidslinje, VY } from './index.ts';
import { HANDELSETYPER, UTFALLSTEXT, versionsrad, type Tidslinje } from './types.ts';

/**
 * The timeline's page, /revision/arenden/:nr: it asks for the purpose first,
 * then logs the read with it (vy 'revision-tidslinje') and shows the timeline,
 * with links to the CSV and PDF exports of ./api.ts. Revisor only.
 */

/** The purposes an auditor reads a case for; 'annat' needs a description. */
export const SYFTEN_REVISION = {
  'intern-kontroll': 'Intern kontroll',
  'tillsyn-ivo': 'Tillsyn (IVO)',
  revision: 'Revision',
  'klagomal-jo': 'Klagomål/JO',
  annat: 'Annat',
} as const;
type SyfteVal = keyof typeof SYFTEN_REVISION;

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

/** The page: GET asks for the purpose; POST (with the CSRF token) logs the read and shows the timeline. */
export function tidslinjePageRouter(db: Knex, engine: Engine): Router {
  const router = Router();
  const send = (req: Request, res: Response, titel: string, innehall: string, status = 200) =>
    sendPage(req, res, { titel, innehall }, status);

  const prepare = async (req: Request, res: Response): Promise<string | undefined> => {
    const a = req.anvandare!;
    if (!lasAllaArenden(a)) {
      send(req, res, 'Saknar behörighet', '<h1>Saknar behörighet</h1><p>Ärendets tidslinje är till för revisorer.</p>', 403);
      return undefined;
    }
    const nr = String(req.params.arendenummer);
    if (!(await hamtaRad(db, nr))) {
      send(req, res, 'Ärendet finns inte', '<h1>Ärendet finns inte</h1><p>Inget ärende med det numret.</p>', 404);
      return undefined;
    }
    return nr;
  };

  router.get('/revision/arenden/:arendenummer', kravInloggadSida, async (req, res) => {
    const nr = await prepare(req, res);
    if (nr) send(req, res, `Syfte – ärende ${nr}`, syftesformular(nr, req.anvandare!.csrf ?? '', {}, []));
  });

  router.post('/revision/arenden/:arendenummer', kravInloggadSida, async (req, res) => {
    const nr = await prepare(req, res);
    if (!nr) return;
    const varden = req.body as Record<string, string | undefined>;
    const parsed = sidformular.safeParse({ syfte: varden.syfte || undefined, syfteAnnat: varden.syfteAnnat });
    if (!parsed.success) {
      return send(
        req,
        res,
        `Syfte – ärende ${nr} – fel`,
        syftesformular(nr, req.anvandare!.csrf ?? '', varden, zodFalt(parsed.error)),
        400,
      );
    }
    const t = await byggTidslinje(db, engine, req.anvandare!, nr);
    if (!t) return send(req, res, 'Ärendet finns inte', '<h1>Ärendet finns inte</h1>', 404);
    await loggaLasning(db, req.anvandare!, nr, VY, 'sida', parsed.data);
    send(req, res, `Tidslinje – ärende ${nr}`, tidslinjesida(t, parsed.data));
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
<h2>Processversioner</h2>
<ul class="processversioner">
${t.versioner.map((v) => `<li>${esc(versionsrad(v, tidText))}</li>`).join('\n')}
</ul>
<p><a href="${esc(`${bas}?${q}&format=csv`)}" download>Exportera som CSV</a> · <a href="${esc(`${bas}.pdf?${q}`)}" download>Exportera som PDF/A för akten</a> (varje export skrivs i läsloggen)</p>
<table class="tidslinjetabell">
<caption>Händelser i ärende ${esc(t.arendenummer)}, i tidsordning (${t.handelser.length})</caption>
<thead><tr><th scope="col">Tid</th><th scope="col">Händelse</th><th scope="col">Vad</th><th scope="col">Vem</th><th scope="col">Beskrivning</th><th scope="col">Lagrum</th></tr></thead>
<tbody>
${rader || '<tr><td colspan="6">Inga händelser.</td></tr>'}
</tbody>
</table>`;
}
