import { Router } from 'express';
import { processnamn } from '../../../domain/processer.ts';
import { tidText } from '../../../domain/svensk-tid.ts';
import { lista, type Lista } from '../../arenden/arenden.ts';
import { kravInloggadSida } from '../../auth/middleware.ts';
import { kanLasaArenden } from '../../auth/roller.ts';
import { esc, sendForbiddenPage, sendPage } from '../html.ts';
import type { SidorDeps } from './index.ts';

/** The case list, /arenden: the open cases the user may read, by next deadline. */
export function arendelistaRouter(d: SidorDeps): Router {
  const router = Router();
  router.get('/arenden', kravInloggadSida, async (req, res) => {
    if (!kanLasaArenden(req.anvandare!)) return sendForbiddenPage(req, res);
    const barn = req.query.barn === 'true' ? true : undefined;
    const l = await lista(d.db, req.anvandare!, { barn, forsta: 0, max: 200 });
    sendPage(req, res, { titel: 'Ärenden', aktiv: 'arenden', innehall: arendelista(l, barn) });
  });
  return router;
}

function arendelista({ totalt, arenden, indexeradTid }: Lista, barn: true | undefined): string {
  const rader = arenden
    .map(
      (a) => `<tr>
<td><a href="/arenden/${esc(a.arendenummer)}">${esc(a.arendenummer)}</a></td>
<td>${esc(processnamn(a.processKey, 'kortnamn'))}</td>
<td>${a.barn ? '<span class="barn">Barn berörs</span>' : 'Nej'}</td>
<td>${esc(a.aktuellt.join(', ') || '–')}</td>
<td>${tidText(a.nastaFrist)}</td>
<td class="tal">${a.dagarKvar === null ? '–' : `<span class="${a.dagarKvar <= 2 ? 'bradskande' : ''}">${a.dagarKvar}</span>`}</td>
</tr>`,
    )
    .join('\n');
  return `<h1>Öppna ärenden</h1>
<form method="get" action="/arenden" class="filter"><label><input type="checkbox" name="barn" value="true"${barn ? ' checked' : ''}> Endast ärenden där barn berörs</label> <button type="submit">Filtrera</button></form>
<p>${totalt} öppna ärenden, sorterade efter nästa frist. ${indexeradTid ? `Uppdaterad ${esc(tidText(indexeradTid))}; ändringar i processerna syns inom några sekunder.` : 'Listan byggs upp; ladda om sidan om en stund.'}</p>
<table>
<caption>Öppna ärenden</caption>
<thead><tr><th scope="col">Ärende</th><th scope="col">Process</th><th scope="col">Barn</th><th scope="col">Aktuellt steg</th><th scope="col">Nästa frist</th><th scope="col">Dagar kvar</th></tr></thead>
<tbody>
${rader || '<tr><td colspan="6">Inga öppna ärenden.</td></tr>'}
</tbody>
</table>`;
}
