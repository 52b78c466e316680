import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { tidMedSekunder } from '../../../domain/svensk-tid.ts';
import { zodFalt, type Falt } from '../../api/problem.ts';
import { kravInloggadSida } from '../../auth/middleware.ts';
import { esc, sendPage } from '../../views/html.ts';
import { allaStickprov, dragnaRader, draStickprov, sok, stickprov } from './facts.ts';
import {
  kanGranskaLasloggar,
  KANALNAMN,
  KATEGORINAMN,
  lasloggfragaSchema,
  stickprovSchema,
  type Lasloggfilter,
  type Lasloggrad,
  type Stickprov,
} from './index.ts';

/** Pages: /revision/loggkontroll (filter, rows, samples) and /revision/loggkontroll/stickprov/{id}. */
export function loggkontrollPageRouter(db: Knex): Router {
  const router = Router();
  const send = (req: Request, res: Response, titel: string, innehall: string, status = 200) =>
    sendPage(req, res, { titel, innehall, aktiv: 'loggkontroll' }, status);
  router.use('/revision/loggkontroll', kravInloggadSida, (req, res, next) => {
    if (kanGranskaLasloggar(req.anvandare!)) return next();
    send(req, res, 'Saknar behörighet', '<h1>Saknar behörighet</h1><p>Endast revisorer får granska läsloggen.</p>', 403);
  });

  /** The main page; an invalid filter shows the form with its errors and no rows. */
  const visa = async (req: Request, res: Response, varden: Record<string, unknown>, fel: Falt[], status: number) => {
    const { antal: _antal, ...fragevarden } = varden;
    const parsed = lasloggfragaSchema.safeParse(fragevarden);
    const fraga = parsed.success ? parsed.data : undefined;
    const { forsta = 0, max = 100, format: _format, ...filter } = fraga ?? {};
    const [{ totalt, rader }, senaste] = await Promise.all([
      fraga ? sok(db, filter, forsta, max) : { totalt: 0, rader: [] },
      allaStickprov(db, 20),
    ]);
    send(req, res, 'Loggkontroll', huvudsida(varden, filter, fel, totalt, forsta, max, rader, senaste, req.anvandare!.csrf), status);
  };

  router.get('/revision/loggkontroll', async (req, res) => {
    const parsed = lasloggfragaSchema.safeParse(req.query);
    await visa(req, res, req.query, parsed.success ? [] : zodFalt(parsed.error), parsed.success ? 200 : 400);
  });

  router.post('/revision/loggkontroll/stickprov', async (req, res) => {
    const { antal, _csrf, ...filter } = req.body as Record<string, string | undefined>;
    const parsed = stickprovSchema.safeParse({ filter, antal: /^\d+$/.test(antal ?? '') ? Number(antal) : antal });
    if (!parsed.success) return visa(req, res, { ...filter, antal }, zodFalt(parsed.error), 400);
    const s = await draStickprov(db, req.anvandare!.id, parsed.data.filter, parsed.data.antal);
    res.redirect(303, `/revision/loggkontroll/stickprov/${s.id}`);
  });

  router.get('/revision/loggkontroll/stickprov/:id', async (req, res) => {
    const s = await stickprov(db, req.params.id);
    if (!s) return send(req, res, 'Stickprovet finns inte', '<h1>Stickprovet finns inte</h1>', 404);
    send(req, res, `Stickprov ${s.id}`, stickprovssida(s, await dragnaRader(db, s)));
  });

  return router;
}

function filterFraga(f: Lasloggfilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

function filtertext(f: Lasloggfilter): string {
  const delar = [
    f.anvandare && `användare ${f.anvandare}`,
    f.arende && `ärende ${f.arende}`,
    f.kanal && `kanal ${KANALNAMN[f.kanal]}`,
    f.kategori && `kategori ${KATEGORINAMN[f.kategori].toLowerCase()}`,
    f.fran && `från ${f.fran}`,
    f.till && `till ${f.till}`,
  ].filter(Boolean);
  return delar.length > 0 ? delar.join(', ') : 'hela läsloggen';
}

function lasloggtabell(rubrik: string, rader: Lasloggrad[]): string {
  const rad = (r: Lasloggrad) =>
    `<tr><td class="tal">${esc(r.id)}</td><td>${esc(tidMedSekunder(r.tidpunkt))}</td><td>${esc(r.anvandare)}</td><td>${esc(KATEGORINAMN[r.kategori] ?? r.kategori)}</td><td>${esc(KANALNAMN[r.kanal] ?? r.kanal)}</td><td><a href="/arenden/${esc(r.arendenummer)}">${esc(r.arendenummer)}</a></td><td>${esc(r.vy)}</td><td>${esc(r.resurs ?? '–')}</td><td>${esc(r.syfte ?? '–')}</td></tr>`;
  return `<table>
<caption>${esc(rubrik)}</caption>
<thead><tr><th scope="col">Rad</th><th scope="col">Tidpunkt</th><th scope="col">Användare</th><th scope="col">Kategori</th><th scope="col">Kanal</th><th scope="col">Ärende</th><th scope="col">Vy</th><th scope="col">Resurs</th><th scope="col">Syfte</th></tr></thead>
<tbody>
${rader.map(rad).join('\n') || '<tr><td colspan="9">Inga läsningar.</td></tr>'}
</tbody>
</table>`;
}

// eslint-disable-next-line max-lines-per-function -- one HTML template, the page from top to bottom
function huvudsida(
  varden: Record<string, unknown>,
  filter: Lasloggfilter,
  fel: Falt[],
  totalt: number,
  forsta: number,
  max: number,
  rader: Lasloggrad[],
  senaste: Stickprov[],
  csrf: string | undefined,
): string {
  const v = (k: string) => esc(typeof varden[k] === 'string' ? varden[k] : '');
  const felFor = (k: string) => fel.filter((f) => f.falt === k || f.falt === `filter.${k}`);
  const falt = (k: string, etikett: string, typ = 'text', hjalp?: string) => {
    const egna = felFor(k);
    const beskrivning = [hjalp ? `h-${k}` : '', egna.length > 0 ? `fel-${k}` : ''].filter(Boolean).join(' ');
    return `<p><label for="f-${k}">${etikett}</label><br>
<input id="f-${k}" name="${k}" type="${typ}" value="${v(k)}"${beskrivning ? ` aria-describedby="${beskrivning}"` : ''}${egna.length > 0 ? ' aria-invalid="true"' : ''}>
${hjalp ? `<span id="h-${k}" class="hjalp">${esc(hjalp)}</span>` : ''}
${egna.length > 0 ? `<span id="fel-${k}" class="falt-fel">${esc(egna.map((f) => f.fel).join('; '))}</span>` : ''}</p>`;
  };
  const val = (k: 'kanal' | 'kategori', etikett: string, namn: Record<string, string>) => {
    const egna = felFor(k);
    const alternativ = Object.entries(namn)
      .map(([varde, text]) => `<option value="${esc(varde)}"${varden[k] === varde ? ' selected' : ''}>${esc(text)}</option>`)
      .join('');
    return `<p><label for="f-${k}">${etikett}</label><br>
<select id="f-${k}" name="${k}"${egna.length > 0 ? ` aria-invalid="true" aria-describedby="fel-${k}"` : ''}><option value="">Alla</option>${alternativ}</select>
${egna.length > 0 ? `<span id="fel-${k}" class="falt-fel">${esc(egna.map((f) => f.fel).join('; '))}</span>` : ''}</p>`;
  };
  const felruta =
    fel.length > 0
      ? `<div class="felruta" role="alert"><h2>Rätta uppgifterna</h2><ul>${fel.map((f) => `<li>${esc(f.falt)}: ${esc(f.fel)}</li>`).join('')}</ul></div>`
      : '';
  const dolda = (['anvandare', 'arende', 'kanal', 'kategori', 'fran', 'till'] as const)
    .map((k) => `<input type="hidden" name="${k}" value="${esc(filter[k] ?? '')}">`)
    .join('');
  const sidlankar = [
    forsta > 0
      ? `<a href="/revision/loggkontroll?${filterFraga(filter, { forsta: String(Math.max(0, forsta - max)) })}">Föregående ${max}</a>`
      : '',
    forsta + max < totalt
      ? `<a href="/revision/loggkontroll?${filterFraga(filter, { forsta: String(forsta + max) })}">Nästa ${max}</a>`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const stickprovsrader = senaste
    .map(
      (s) =>
        `<tr><td><a href="/revision/loggkontroll/stickprov/${esc(s.id)}">Stickprov ${esc(s.id)}</a></td><td>${esc(tidMedSekunder(s.tidpunkt))}</td><td>${esc(s.dragenAv)}</td><td>${esc(filtertext(s.filter))}</td><td class="tal">${s.radIds.length} av ${s.populationsstorlek}</td></tr>`,
    )
    .join('\n');
  return `<h1>Loggkontroll</h1>
<p>Granska vem som har läst vilka ärenden, i Bokvar och i motorn (Tasklist, Cockpit och motorns REST-API). Tekniska användare och administratörer har egna kategorier. Filtrera läsloggen, exportera den och dra slumpmässiga stickprov att granska. Varje stickprov sparas med sitt seed, så att dragningen kan göras om och kontrolleras.</p>
${felruta}
<form method="get" action="/revision/loggkontroll" class="filter">
<fieldset><legend>Filter</legend>
${falt('anvandare', 'Användare')}
${falt('arende', 'Ärendenummer', 'text', 'T.ex. BV-2026-000123')}
${val('kategori', 'Kategori', KATEGORINAMN)}
${val('kanal', 'Kanal', KANALNAMN)}
${falt('fran', 'Från och med datum', 'date')}
${falt('till', 'Till och med datum', 'date')}
<p><button type="submit">Visa</button></p>
</fieldset>
</form>
<p>${totalt} läsningar (${esc(filtertext(filter))}). <a href="/api/revision/lasloggar?${filterFraga(filter, { format: 'csv' })}" download>Exportera som CSV</a></p>
${lasloggtabell(`Läsningar ${totalt === 0 ? '' : `${forsta + 1}–${forsta + rader.length} av ${totalt}`}, senaste först`, rader)}
${sidlankar ? `<nav aria-label="Sidor"><p>${sidlankar}</p></nav>` : ''}
<section aria-labelledby="rubrik-stickprov">
<h2 id="rubrik-stickprov">Dra stickprov</h2>
<form method="post" action="/revision/loggkontroll/stickprov">
<input type="hidden" name="_csrf" value="${esc(csrf)}">${dolda}
<p>Slumpmässigt urval ur läsningarna som matchar filtret ovan (${esc(filtertext(filter))}).</p>
${falt('antal', 'Antal rader', 'number', 'Högst 1000')}
<p><button type="submit">Dra stickprov</button></p>
</form>
<h3>Tidigare stickprov</h3>
<p><a href="/api/revision/lasloggar/stickprov?format=csv" download>Exportera alla stickprov som CSV</a></p>
<table>
<caption>De senaste 20 stickproven</caption>
<thead><tr><th scope="col">Stickprov</th><th scope="col">Draget</th><th scope="col">Dragen av</th><th scope="col">Filter</th><th scope="col">Rader</th></tr></thead>
<tbody>
${stickprovsrader || '<tr><td colspan="5">Inga stickprov ännu.</td></tr>'}
</tbody>
</table>
</section>`;
}

function stickprovssida(s: Stickprov, rader: Lasloggrad[]): string {
  const gallrade = s.radIds.length - rader.length;
  return `<h1>Stickprov ${esc(s.id)}</h1>
<dl class="fakta">
<dt>Draget</dt><dd>${esc(tidMedSekunder(s.tidpunkt))}</dd>
<dt>Dragen av</dt><dd>${esc(s.dragenAv)}</dd>
<dt>Filter</dt><dd>${esc(filtertext(s.filter))}</dd>
<dt>Begärt antal</dt><dd>${s.antal}</dd>
<dt>Urval</dt><dd>${s.radIds.length} av ${s.populationsstorlek} läsningar (rader till och med id ${esc(s.hogstaId ?? '–')})</dd>
<dt>Seed</dt><dd><code>${esc(s.seed)}</code></dd>
</dl>
${gallrade > 0 ? `<p>${gallrade} av de dragna raderna har gallrats.</p>` : ''}
<p><a href="/api/revision/lasloggar/stickprov/${esc(s.id)}?format=csv" download>Exportera raderna som CSV</a> · <a href="/revision/loggkontroll">Tillbaka till loggkontrollen</a></p>
${lasloggtabell('Dragna läsningar', rader)}`;
}
