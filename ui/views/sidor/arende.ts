import { Router } from 'express';
import { STATUSNAMN } from '../../../domain/etiketter.ts';
import { processnamn } from '../../../domain/processer.ts';
import { tidText } from '../../../domain/svensk-tid.ts';
import { registreraSkickat } from '../../api/brev.ts';
import { Problem } from '../../api/problem.ts';
import { detalj, hamtaRad, loggaLasning, type Detalj } from '../../arenden/arenden.ts';
import { kravInloggadSida } from '../../auth/middleware.ts';
import { kanLasaArende, kanLasaArenden, kanRegistrera, type Anvandare } from '../../auth/roller.ts';
import { esc, sendForbiddenPage, sendPage } from '../html.ts';
import type { SidorDeps } from './index.ts';

/** The case page, /arenden/:nr: facts, the process diagram, deadlines, letters (with "Markera som skickat"), consents and events. */
export function arendeRouter(d: SidorDeps): Router {
  const router = Router();

  router.get('/arenden/:arendenummer', kravInloggadSida, async (req, res) => {
    const a = req.anvandare!;
    const arende = kanLasaArenden(a) ? await detalj(d.db, d.engine, a, String(req.params.arendenummer)) : undefined;
    if (!arende) {
      return sendPage(
        req,
        res,
        {
          titel: 'Ärendet finns inte',
          innehall: '<h1>Ärendet finns inte</h1><p>Inget ärende med det numret som du har behörighet till.</p>',
        },
        404,
      );
    }
    // A protected tenant's address shown to the case's unit: the log says so (loggkontroll).
    await loggaLasning(d.db, a, arende.arendenummer, 'arendevy', arende.skyddadAdress ? 'skyddad-adress' : undefined);
    sendPage(req, res, {
      titel: `Ärende ${arende.arendenummer}`,
      aktiv: 'arenden',
      stilar: ['/vendor/bpmn-js/assets/diagram-js.css', '/vendor/bpmn-js/assets/bpmn-js.css'],
      skript: ['/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js', '/static/diagram.js', '/static/arende.js'],
      innehall: arendesida(arende, a),
    });
  });

  /** The case page's "Markera som skickat": the same registration as POST /api/brev/{id}/skickad, sent now. */
  router.post('/arenden/:arendenummer/brev/:id/skickad', kravInloggadSida, async (req, res) => {
    if (!kanRegistrera(req.anvandare!)) return sendForbiddenPage(req, res);
    const nr = String(req.params.arendenummer);
    const id = String(req.params.id);
    const farLasa = async (arendenummer: string) => {
      if (arendenummer !== nr) return false;
      const rad = await hamtaRad(d.db, arendenummer);
      return !!rad && kanLasaArende(req.anvandare!, rad.enheter, rad.barn);
    };
    try {
      const r = await registreraSkickat(d.db, d.engine, req.anvandare!.id, id, undefined, farLasa);
      if (r.nytt) await d.arendeindex.efterAndring(nr);
    } catch (error) {
      if (error instanceof Problem && error.status === 404) {
        return sendPage(
          req,
          res,
          {
            titel: 'Brevet finns inte',
            innehall: '<h1>Brevet finns inte</h1><p>Inget brev med det id:t i ett ärende som du har behörighet till.</p>',
          },
          404,
        );
      }
      // 409: already marked at another time; the case page shows the registration that stands
      if (!(error instanceof Problem && error.status === 409)) throw error;
    }
    res.redirect(303, `/arenden/${encodeURIComponent(nr)}`);
  });

  return router;
}

function arendesida(arende: Detalj, a: Anvandare): string {
  const frister = Object.entries(arende.frister)
    .sort(([, x], [, y]) => (x.senast ?? '').localeCompare(y.senast ?? ''))
    .map(
      ([typ, f]) =>
        `<tr><th scope="row">${esc(f.benamning ?? typ)}</th><td>${esc(f.sistaDag ?? tidText(f.senast))}</td><td>${esc(f.art === 'lag' ? 'Lag' : f.art === 'vagledning' ? 'Vägledning' : 'Information')}</td></tr>`,
    )
    .join('\n');
  // Written is not sent: each letter shows when the registry (or a caseworker) marked it sent, or a button to do so.
  const markera = (id: string) =>
    kanRegistrera(a)
      ? ` <form method="post" action="/arenden/${esc(arende.arendenummer)}/brev/${esc(id)}/skickad" class="inline"><input type="hidden" name="_csrf" value="${esc(a.csrf ?? '')}"><button type="submit">Markera som skickat</button></form>`
      : ' – inte markerat som skickat';
  const brev = arende.brev
    .map(
      (b) =>
        `<li><a href="/api/brev/${esc(b.id)}" download>${esc(b.typ)} till ${esc(b.mottagare)}</a> (skrivet ${tidText(b.skapad)})` +
        (b.skickad ? ` – Skickat ${tidText(b.skickad)} av ${esc(b.skickadAv ?? '')}` : markera(b.id)) +
        '</li>',
    )
    .join('\n');
  const samtycken = arende.samtycken
    .map(
      (s) =>
        `<li>${esc(s.form === 'skriftligt' ? 'Skriftligt' : 'Muntligt')} samtycke ${tidText(s.lamnat)}: ${esc(s.mottagare.join(', '))} för ${esc(s.syften.join(', '))}${s.giltigtTill ? `, till ${tidText(s.giltigtTill)}` : ''}</li>`,
    )
    .join('\n');
  const tidslinje = arende.tidslinje
    .map(
      (t) =>
        `<li><time datetime="${esc(t.start)}">${tidText(t.start)}</time> ${esc(t.namn)}${t.slut ? (t.avbruten ? ' (avbruten)' : ' (klar)') : ' (pågår)'}</li>`,
    )
    .join('\n');
  const relaterade = arende.relateradeArenden.map((nr) => `<li><a href="/arenden/${esc(nr)}">${esc(nr)}</a></li>`).join('\n');
  const instanser = arende.instanser
    .map((i) => `<option value="${esc(i.id)}">${esc(processnamn(i.processDefinitionKey))}${i.ended ? ' (avslutad)' : ''}</option>`)
    .join('');
  const statusText = STATUSNAMN[arende.status];
  // A corrected notice (NJA 1985 s. 586) can be registered at any time while a hot-om-avhysning case is open.
  const rattelse =
    arende.processKey === 'hot-om-avhysning' && arende.status !== 'avslutat' && kanRegistrera(a)
      ? rattelseformular(arende.arendenummer)
      : '';
  return `<h1>Ärende ${esc(arende.arendenummer)}</h1>
<dl class="fakta">
<dt>Process</dt><dd>${esc(processnamn(arende.processKey))}</dd>
<dt>Status</dt><dd>${esc(statusText)}</dd>
<dt>Mottagen</dt><dd>${tidText(arende.mottagen)}</dd>
<dt>Hyresgäst</dt><dd>${esc(arende.hyresgast?.namn ?? '–')}</dd>
<dt>Adress</dt><dd>${adressfalt(arende)}</dd>
<dt>Barn</dt><dd>${arende.barnBerorda ? '<span class="barn">Barn berörs</span>' : 'Inga kända'}</dd>
<dt>Aktuellt</dt><dd>${esc(arende.aktiviteter.map((x) => x.namn).join(', ') || '–')}</dd>
</dl>
<div class="arendevy">
<section aria-labelledby="rubrik-diagram" class="diagramdel">
<h2 id="rubrik-diagram">Processen</h2>
<p><label for="instans">Visa instans</label> <select id="instans">${instanser}</select></p>
<div id="diagram" class="diagram" data-arende="${esc(arende.arendenummer)}" data-instans="${esc(arende.processInstanceId)}" aria-describedby="diagraminfo"></div>
<p class="teckenforklaring"><span class="m-aktiv">Aktivt steg</span> <span class="m-avslutad">Genomfört</span> <span class="m-incident">Tekniskt fel</span> <span class="m-timer">Timer</span></p>
<div id="diagraminfo" aria-live="polite"></div>
</section>
<div class="sidodel">
<section aria-labelledby="rubrik-frister"><h2 id="rubrik-frister">Frister</h2>
${frister ? `<table><caption class="visuellt-dold">Frister</caption><thead><tr><th scope="col">Frist</th><th scope="col">Senast</th><th scope="col">Grund</th></tr></thead><tbody>${frister}</tbody></table>` : '<p>Inga beräknade frister ännu.</p>'}
</section>
${rattelse}
<section aria-labelledby="rubrik-brev"><h2 id="rubrik-brev">Brev</h2>${brev ? `<ul>${brev}</ul>` : '<p>Inga brev.</p>'}</section>
<section aria-labelledby="rubrik-samtycken"><h2 id="rubrik-samtycken">Samtycken</h2>${samtycken ? `<ul>${samtycken}</ul>` : '<p>Inga registrerade samtycken.</p>'}</section>
<section aria-labelledby="rubrik-relaterade"><h2 id="rubrik-relaterade">Relaterade ärenden</h2>${relaterade ? `<ul>${relaterade}</ul>` : '<p>Inga.</p>'}</section>
<section aria-labelledby="rubrik-tidslinje"><h2 id="rubrik-tidslinje">Händelser</h2>${tidslinje ? `<ol class="tidslinje">${tidslinje}</ol>` : '<p>Inga.</p>'}</section>
</div>
</div>`;
}

/** Posted by ui/public/arende.js to POST /api/arenden/{nr}/handelser (typ rattat-meddelande), with the page's CSRF token. */
function rattelseformular(arendenummer: string): string {
  return `<section aria-labelledby="rubrik-rattelse"><h2 id="rubrik-rattelse">Rättat meddelande</h2>
<p>Ett bristfälligt meddelande om uppsägningen startar inte återvinningsfristen; den räknas från det rättade (NJA 1985 s. 586).</p>
<p><button type="button" id="rattelse-knapp" aria-expanded="false" aria-controls="rattelse">Registrera rättat meddelande från hyresvärden</button></p>
<form id="rattelse" data-arende="${esc(arendenummer)}" hidden novalidate>
<p><label for="rattelse-mottagen">När socialnämnden tog emot det rättade meddelandet (obligatorisk)</label><br><input id="rattelse-mottagen" name="mottagen" type="datetime-local" required></p>
<p><label for="rattelse-delgivningsdatum">Delgivningsdatum enligt det rättade meddelandet (om det anges)</label><br><input id="rattelse-delgivningsdatum" name="delgivningsdatum" type="date"></p>
<p><label for="rattelse-brist">Vad var fel i det första meddelandet?</label><br><textarea id="rattelse-brist" name="brist" maxlength="500" rows="3"></textarea></p>
<p><button type="submit">Registrera</button></p>
<div id="rattelse-svar" aria-live="polite"></div>
</form>
</section>`;
}

/**
 * Protected identity: the address only for the case's own units, from Bokvar's table,
 * with a reminder that it must not be passed on; everyone else sees that it is withheld.
 */
function adressfalt(arende: { skyddadIdentitet: boolean; adress?: unknown; skyddadAdress?: unknown }): string {
  if (!arende.skyddadIdentitet) return esc(adresstext(arende.adress));
  if (!arende.skyddadAdress) return 'Skyddad identitet – visas inte';
  return `<strong>Skyddad identitet – lämna aldrig ut adressen.</strong> ${esc(adresstext(arende.skyddadAdress))}`;
}

function adresstext(adress: unknown): string {
  const a = adress as { gatuadress?: string; postnummer?: string; ort?: string; lagenhetsnummer?: string } | undefined;
  if (!a) return '–';
  return `${a.gatuadress ?? ''}${a.lagenhetsnummer ? `, lgh ${a.lagenhetsnummer}` : ''}, ${a.postnummer ?? ''} ${a.ort ?? ''}`;
}
