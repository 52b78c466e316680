import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { KALLOR, ORSAKER } from '../../domain/arendevariabler.ts';
import { KALLNAMN, ORSAKNAMN, STATUSNAMN } from '../../domain/etiketter.ts';
import { processnamn } from '../../domain/processer.ts';
import { svenskTidpunkt, tidText } from '../../domain/svensk-tid.ts';
import { detalj, hamtaRad, lista, loggaLasning } from '../arenden/arenden.ts';
import type { Inloggningsbegransning } from '../auth/begransning.ts';
import { kalla, kravInloggadSida, lasCookie, lika, SESSION_COOKIE, verifiera } from '../auth/middleware.ts';
import { kanLasaArende, kanLasaArenden, kanRegistrera, kanSeOversikt } from '../auth/roller.ts';
import type { Sessioner } from '../auth/sessioner.ts';
import type { Arendeindex } from '../arenden/arendeindex.ts';
import type { Engine } from '../engine/engine.ts';
import { registreraSkickat } from '../api/brev.ts';
import { faltMedStyrtecken, indexerat } from '../api/intag.ts';
import { zodFalt, type Falt, Problem } from '../api/problem.ts';
import { registreraUnderrattelse } from '../intake/registrera.ts';
import { underrattelseSchema } from '../intake/schemas.ts';
import { esc, layout } from './html.ts';

export interface SidorDeps {
  db: Knex;
  engine: Engine;
  arendeindex: Arendeindex;
  sessioner: Sessioner;
  begransning: Inloggningsbegransning;
  produktion: boolean;
  engineUrl: string;
}

const LOGIN_COOKIE = 'bokvar_inloggning';


/** The Swedish pages: login, case list, case view, overview and the paper intake form. */
export function sidorRouter(d: SidorDeps): Router {
  const router = Router();
  const sida = (req: Request, s: Omit<Parameters<typeof layout>[0], 'anvandare' | 'csrf'>) =>
    layout({ ...s, anvandare: req.anvandare, csrf: req.anvandare?.csrf });
  const skicka = (res: Response, html: string, status = 200) => {
    res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
  };
  const nekad = (req: Request, res: Response) =>
    skicka(res, sida(req, { titel: 'Saknar behörighet', innehall: '<h1>Saknar behörighet</h1><p>Du har inte behörighet till den här sidan.</p>' }), 403);

  // Login CSRF: double submit. The form carries a random value that must equal a
  // SameSite=Strict cookie set with the form, which another site cannot read or send.
  const inloggningsform = (res: Response, till: string, fel?: string, status = 200) => {
    const token = randomBytes(32).toString('base64url');
    res.append('Set-Cookie', `${LOGIN_COOKIE}=${token}; Path=/inloggning; HttpOnly; SameSite=Strict${d.produktion ? '; Secure' : ''}`);
    skicka(res, inloggningssida(till, token, fel), status);
  };

  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });

  router.get('/inloggning', (req, res) => {
    inloggningsform(res, String(req.query.till ?? '/arenden'));
  });

  router.post('/inloggning', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = typeof body.anvandare === 'string' ? body.anvandare.trim() : '';
    const losenord = typeof body.losenord === 'string' ? body.losenord : '';
    const till = saker(typeof body.till === 'string' ? body.till : undefined);
    const kaka = lasCookie(req, LOGIN_COOKIE);
    if (!kaka || typeof body._csrf !== 'string' || !lika(kaka, body._csrf)) {
      return inloggningsform(res, till, 'Inloggningen kunde inte kontrolleras. Försök igen.', 403);
    }
    if (!id || !losenord) return inloggningsform(res, till, 'Ange användarnamn och lösenord.', 400);
    if (/\p{Cc}/u.test(id)) return inloggningsform(res, till, 'Fel användarnamn eller lösenord.', 401);
    if (d.begransning.sparrad(id, kalla(req))) {
      return inloggningsform(res, till, 'För många misslyckade försök. Vänta några minuter och försök igen.', 429);
    }
    if (!(await verifiera(d.engine, id, losenord))) {
      d.begransning.misslyckad(id, kalla(req));
      return inloggningsform(res, till, 'Fel användarnamn eller lösenord.', 401);
    }
    d.begransning.lyckad(id, kalla(req));
    const grupper = await d.engine.groups(id);
    const { token } = await d.sessioner.skapa(id, grupper);
    res.setHeader('Set-Cookie', [
      `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${d.produktion ? '; Secure' : ''}`,
      `${LOGIN_COOKIE}=; Path=/inloggning; HttpOnly; SameSite=Strict; Max-Age=0`,
    ]);
    res.redirect(303, till);
  });

  router.post('/utloggning', kravInloggadSida, async (req, res) => {
    const token = lasCookie(req, SESSION_COOKIE);
    if (token) await d.sessioner.radera(token);
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${d.produktion ? '; Secure' : ''}`);
    res.redirect(303, '/inloggning');
  });

  router.get('/', kravInloggadSida, (_req, res) => res.redirect(303, '/arenden'));

  router.get('/arenden', kravInloggadSida, async (req, res) => {
    if (!kanLasaArenden(req.anvandare!)) return nekad(req, res);
    const barn = req.query.barn === 'true' ? true : undefined;
    const { totalt, arenden, indexeradTid } = await lista(d.db, req.anvandare!, { barn, forsta: 0, max: 200 });
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
    skicka(
      res,
      sida(req, {
        titel: 'Ärenden',
        aktiv: 'arenden',
        innehall: `<h1>Öppna ärenden</h1>
<form method="get" action="/arenden" class="filter"><label><input type="checkbox" name="barn" value="true"${barn ? ' checked' : ''}> Endast ärenden där barn berörs</label> <button type="submit">Filtrera</button></form>
<p>${totalt} öppna ärenden, sorterade efter nästa frist. ${indexeradTid ? `Uppdaterad ${esc(tidText(indexeradTid))}; ändringar i processerna syns inom några sekunder.` : 'Listan byggs upp; ladda om sidan om en stund.'}</p>
<table>
<caption>Öppna ärenden</caption>
<thead><tr><th scope="col">Ärende</th><th scope="col">Process</th><th scope="col">Barn</th><th scope="col">Aktuellt steg</th><th scope="col">Nästa frist</th><th scope="col">Dagar kvar</th></tr></thead>
<tbody>
${rader || '<tr><td colspan="6">Inga öppna ärenden.</td></tr>'}
</tbody>
</table>`,
      }),
    );
  });

  router.get('/arenden/:arendenummer', kravInloggadSida, async (req, res) => {
    const a = req.anvandare!;
    const arende = kanLasaArenden(a) ? await detalj(d.db, d.engine, a, String(req.params.arendenummer)) : undefined;
    if (!arende) {
      return skicka(res, sida(req, { titel: 'Ärendet finns inte', innehall: '<h1>Ärendet finns inte</h1><p>Inget ärende med det numret som du har behörighet till.</p>' }), 404);
    }
    // A protected tenant's address shown to the case's unit: the log says so (loggkontroll).
    await loggaLasning(d.db, a, arende.arendenummer, 'arendevy', arende.skyddadAdress ? 'skyddad-adress' : undefined);
    const frister = Object.entries(arende.frister)
      .sort(([, x], [, y]) => (x.senast ?? '').localeCompare(y.senast ?? ''))
      .map(([typ, f]) => `<tr><th scope="row">${esc(f.benamning ?? typ)}</th><td>${esc(f.sistaDag ?? tidText(f.senast))}</td><td>${esc(f.art === 'lag' ? 'Lag' : f.art === 'vagledning' ? 'Vägledning' : 'Information')}</td></tr>`)
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
      .map((s) => `<li>${esc(s.form === 'skriftligt' ? 'Skriftligt' : 'Muntligt')} samtycke ${tidText(s.lamnat)}: ${esc(s.mottagare.join(', '))} för ${esc(s.syften.join(', '))}${s.giltigtTill ? `, till ${tidText(s.giltigtTill)}` : ''}</li>`)
      .join('\n');
    const tidslinje = arende.tidslinje
      .map((t) => `<li><time datetime="${esc(t.start)}">${tidText(t.start)}</time> ${esc(t.namn)}${t.slut ? (t.avbruten ? ' (avbruten)' : ' (klar)') : ' (pågår)'}</li>`)
      .join('\n');
    const relaterade = arende.relateradeArenden.map((nr) => `<li><a href="/arenden/${esc(nr)}">${esc(nr)}</a></li>`).join('\n');
    const instanser = arende.instanser
      .map((i) => `<option value="${esc(i.id)}">${esc(processnamn(i.processDefinitionKey))}${i.ended ? ' (avslutad)' : ''}</option>`)
      .join('');
    const statusText = STATUSNAMN[arende.status];
    // A corrected notice (NJA 1985 s. 586) can be registered at any time while a hot-om-avhysning case is open.
    const rattelse =
      arende.processKey === 'hot-om-avhysning' && arende.status !== 'avslutat' && kanRegistrera(a) ? rattelseformular(arende.arendenummer) : '';
    skicka(
      res,
      sida(req, {
        titel: `Ärende ${arende.arendenummer}`,
        aktiv: 'arenden',
        stilar: ['/vendor/bpmn-js/assets/diagram-js.css', '/vendor/bpmn-js/assets/bpmn-js.css'],
        skript: ['/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js', '/static/diagram.js', '/static/arende.js'],
        innehall: `<h1>Ärende ${esc(arende.arendenummer)}</h1>
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
</div>`,
      }),
    );
  });

  router.get('/oversikt', kravInloggadSida, (req, res) => {
    if (!kanSeOversikt(req.anvandare!)) return nekad(req, res);
    skicka(
      res,
      sida(req, {
        titel: 'Översikt',
        aktiv: 'oversikt',
        stilar: ['/vendor/bpmn-js/assets/diagram-js.css', '/vendor/bpmn-js/assets/bpmn-js.css'],
        skript: ['/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js', '/static/diagram.js', '/static/oversikt.js'],
        innehall: `<h1>Översikt</h1>
<p>Antal öppna ärenden per steg i varje process. Mörkare färg betyder fler ärenden.</p>
<div id="oversikt" aria-live="polite"><p>Laddar …</p></div>`,
      }),
    );
  });

  /** The case page's "Markera som skickat": the same registration as POST /api/brev/{id}/skickad, sent now. */
  router.post('/arenden/:arendenummer/brev/:id/skickad', kravInloggadSida, async (req, res) => {
    if (!kanRegistrera(req.anvandare!)) return nekad(req, res);
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
        return skicka(res, sida(req, { titel: 'Brevet finns inte', innehall: '<h1>Brevet finns inte</h1><p>Inget brev med det id:t i ett ärende som du har behörighet till.</p>' }), 404);
      }
      // 409: already marked at another time; the case page shows the registration that stands
      if (!(error instanceof Problem && error.status === 409)) throw error;
    }
    res.redirect(303, `/arenden/${encodeURIComponent(nr)}`);
  });

  router.get('/registrera', kravInloggadSida, (req, res) => {
    if (!kanRegistrera(req.anvandare!)) return nekad(req, res);
    skicka(res, sida(req, { titel: 'Registrera underrättelse', aktiv: 'registrera', innehall: registreringsformular({}, [], req.anvandare!.csrf) }));
  });

  router.post('/registrera', kravInloggadSida, async (req, res) => {
    if (!kanRegistrera(req.anvandare!)) return nekad(req, res);
    const { varden, fel } = formularvarden(req.body);
    const visa = (falt: Falt[], status: number) =>
      skicka(res, sida(req, { titel: 'Registrera underrättelse – fel', aktiv: 'registrera', innehall: registreringsformular(varden, falt, req.anvandare!.csrf) }), status);
    if (fel.length > 0) return visa(fel, 400);
    const parsed = underrattelseSchema.safeParse(franFormular(varden));
    const styrtecken = faltMedStyrtecken(varden).map((falt) => ({ falt, fel: 'innehåller styrtecken (t.ex. NUL), som inget fält får ha' }));
    if (styrtecken.length > 0) return visa(styrtecken, 400);
    if (!parsed.success) return visa(zodFalt(parsed.error), 400);
    try {
      const r = await indexerat(d.arendeindex, registreraUnderrattelse(d.db, d.engine, parsed.data, req.anvandare!.id));
      res.redirect(303, `/arenden/${r.svar.arendenummer}`);
    } catch (error) {
      if (error instanceof Problem) return visa([{ falt: '(hela meddelandet)', fel: error.detail ?? error.title }], error.status);
      throw error;
    }
  });

  return router;
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

function saker(till: string | undefined): string {
  // Only local paths: no open redirect.
  return till && till.startsWith('/') && !till.startsWith('//') && !till.includes('\\') ? till : '/arenden';
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

function inloggningssida(till: string, csrf: string, fel?: string): string {
  return layout({
    titel: 'Logga in',
    innehall: `<h1>Logga in i Bokvar</h1>
${fel ? `<div class="felruta" role="alert"><p>${esc(fel)}</p></div>` : ''}
<form method="post" action="/inloggning" class="inloggning">
<input type="hidden" name="till" value="${esc(saker(till))}">
<input type="hidden" name="_csrf" value="${esc(csrf)}">
<p><label for="anvandare">Användarnamn</label><br><input id="anvandare" name="anvandare" autocomplete="username" required></p>
<p><label for="losenord">Lösenord</label><br><input id="losenord" name="losenord" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Logga in</button></p>
</form>`,
  });
}

/**
 * The posted form as text fields. Only a browser's form gives strings: a field
 * sent twice arrives as a list, a JSON body as any type, and no body as nothing;
 * each is the sender's error on that field, not a crash (500).
 */
export function formularvarden(body: unknown): { varden: Record<string, string>; fel: Falt[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { varden: {}, fel: [{ falt: '(hela meddelandet)', fel: 'formuläret saknas; skicka det som application/x-www-form-urlencoded' }] };
  }
  const varden: Record<string, string> = {};
  const fel: Falt[] = [];
  for (const [namn, v] of Object.entries(body)) {
    if (typeof v === 'string') varden[namn] = v;
    else fel.push({ falt: namn, fel: Array.isArray(v) ? 'fältet finns flera gånger' : 'ska vara text' });
  }
  return { varden, fel };
}

/** The form's fields are named by the API's paths, so validation errors land on the right field. */
export function franFormular(v: Record<string, string | undefined>): Record<string, unknown> {
  const text = (k: string) => {
    const s = (v[k] ?? '').trim();
    return s === '' ? undefined : s;
  };
  const mottagenText = text('mottagen');
  const mottagen = mottagenText
    ? (svenskTidpunkt(mottagenText).toISO({ suppressMilliseconds: true }) ?? mottagenText)
    : undefined;
  const skuld = text('uppsagning.hyresskuld');
  const antalBarn = Number(text('barn') ?? '0');
  const delgivning = text('uppsagning.delgivningsdatum');
  // Optional as a whole; once any part is filled in, the schema asks for the rest.
  const hyresvardAdressFalt = {
    gatuadress: text('hyresvardAdress.gatuadress'),
    postnummer: text('hyresvardAdress.postnummer'),
    ort: text('hyresvardAdress.ort'),
  };
  const hyresvardAdress = Object.values(hyresvardAdressFalt).some(Boolean) ? hyresvardAdressFalt : undefined;
  return {
    mottagen,
    kalla: text('kalla'),
    orsak: text('orsak'),
    hyresgast: { personnummer: text('hyresgast.personnummer'), namn: text('hyresgast.namn') },
    adress: {
      gatuadress: text('adress.gatuadress'),
      postnummer: text('adress.postnummer'),
      ort: text('adress.ort'),
      lagenhetsnummer: text('adress.lagenhetsnummer'),
    },
    hyresvard: {
      namn: text('hyresvard.namn'),
      kontaktperson: text('hyresvard.kontaktperson'),
      telefon: text('hyresvard.telefon'),
      epost: text('hyresvard.epost'),
    },
    ...(hyresvardAdress ? { hyresvardAdress } : {}),
    ...(delgivning || skuld
      ? { uppsagning: { delgivningsdatum: delgivning, ...(skuld ? { hyresskuld: Number(skuld.replace(/\s/g, '').replace(',', '.')) } : {}) } }
      : {}),
    ...(Number.isInteger(antalBarn) && antalBarn > 0 ? { barn: Array.from({ length: Math.min(antalBarn, 20) }, () => ({})) } : {}),
    beskrivning: text('beskrivning'),
  };
}

function registreringsformular(v: Record<string, string | undefined>, fel: Falt[], csrf: string | undefined): string {
  const felFor = (namn: string) => fel.filter((f) => f.falt === namn || f.falt.startsWith(`${namn}.`)).map((f) => f.fel);
  const id = (namn: string) => `f-${namn.replace(/\./g, '-')}`;
  const falt = (namn: string, etikett: string, opts: { typ?: string; kravs?: boolean; hjalp?: string; autocomplete?: string } = {}) => {
    const f = felFor(namn);
    const beskrivning = [opts.hjalp ? `${id(namn)}-hjalp` : '', f.length ? `${id(namn)}-fel` : ''].filter(Boolean).join(' ');
    return `<p><label for="${id(namn)}">${esc(etikett)}${opts.kravs ? ' (obligatorisk)' : ''}</label><br>
${opts.hjalp ? `<span class="hjalp" id="${id(namn)}-hjalp">${esc(opts.hjalp)}</span><br>` : ''}
${f.length ? `<span class="falt-fel" id="${id(namn)}-fel">${esc(f.join('; '))}</span><br>` : ''}
<input id="${id(namn)}" name="${esc(namn)}" type="${opts.typ ?? 'text'}" value="${esc(v[namn])}"${opts.kravs ? ' required' : ''}${beskrivning ? ` aria-describedby="${beskrivning}"` : ''}${f.length ? ' aria-invalid="true"' : ''}${opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : ' autocomplete="off"'}></p>`;
  };
  const val = (namn: string, etikett: string, alternativ: readonly string[], namnFor: Record<string, string>) => {
    const f = felFor(namn);
    return `<p><label for="${id(namn)}">${esc(etikett)} (obligatorisk)</label><br>
${f.length ? `<span class="falt-fel" id="${id(namn)}-fel">${esc(f.join('; '))}</span><br>` : ''}
<select id="${id(namn)}" name="${namn}" required${f.length ? ` aria-invalid="true" aria-describedby="${id(namn)}-fel"` : ''}>
<option value="">Välj …</option>
${alternativ.map((a) => `<option value="${a}"${v[namn] === a ? ' selected' : ''}>${esc(namnFor[a] ?? a)}</option>`).join('')}
</select></p>`;
  };
  const sammanfattning = fel.length
    ? `<div class="felruta" role="alert" tabindex="-1" id="felsammanfattning"><h2>Underrättelsen har fel och har inte registrerats</h2><ul>${fel
        .map((f) => `<li>${f.falt.startsWith('(') ? '' : `<a href="#${id(f.falt.split('.').slice(0, 2).join('.'))}">${esc(f.falt)}</a>: `}${esc(f.fel)}</li>`)
        .join('')}</ul></div>`
    : '';
  return `<h1>Registrera underrättelse</h1>
<p>För underrättelser som kommit på papper. Samma kontroller som i intagets API.</p>
${sammanfattning}
<form method="post" action="/registrera" class="registrering" novalidate>
<input type="hidden" name="_csrf" value="${esc(csrf)}">
<fieldset><legend>Underrättelsen</legend>
${falt('mottagen', 'Mottagen (datum och tid)', { typ: 'datetime-local', kravs: true })}
${val('kalla', 'Källa', KALLOR, KALLNAMN)}
${val('orsak', 'Orsak', ORSAKER, ORSAKNAMN)}
</fieldset>
<fieldset><legend>Hyresgäst</legend>
${falt('hyresgast.personnummer', 'Personnummer', { kravs: true, hjalp: 'ÅÅÅÅMMDD-NNNN' })}
${falt('hyresgast.namn', 'Namn', { kravs: true })}
</fieldset>
<fieldset><legend>Adress</legend>
${falt('adress.gatuadress', 'Gatuadress', { kravs: true })}
${falt('adress.postnummer', 'Postnummer', { kravs: true })}
${falt('adress.ort', 'Ort', { kravs: true })}
${falt('adress.lagenhetsnummer', 'Lägenhetsnummer', { hjalp: 'Fyra siffror' })}
</fieldset>
<fieldset><legend>Hyresvärd</legend>
${falt('hyresvard.namn', 'Namn', { kravs: true })}
${falt('hyresvard.kontaktperson', 'Kontaktperson')}
${falt('hyresvard.telefon', 'Telefon', { typ: 'tel' })}
${falt('hyresvard.epost', 'E-post', { typ: 'email' })}
${falt('hyresvardAdress.gatuadress', 'Hyresvärdens postadress: gatuadress', { hjalp: 'Dit skickas ett åtagande om betalningsansvar (rekommenderat brev)' })}
${falt('hyresvardAdress.postnummer', 'Hyresvärdens postadress: postnummer')}
${falt('hyresvardAdress.ort', 'Hyresvärdens postadress: ort')}
</fieldset>
<fieldset><legend>Uppsägning</legend>
${falt('uppsagning.delgivningsdatum', 'Delgivningsdatum', { typ: 'date' })}
${falt('uppsagning.hyresskuld', 'Hyresskuld (kr)', { typ: 'text' })}
</fieldset>
<fieldset><legend>Övrigt</legend>
${falt('barn', 'Antal barn enligt anmälaren', { typ: 'number' })}
<p><label for="f-beskrivning">Beskrivning</label><br><textarea id="f-beskrivning" name="beskrivning" rows="4">${esc(v.beskrivning)}</textarea></p>
</fieldset>
<p><button type="submit">Registrera</button></p>
</form>`;
}
