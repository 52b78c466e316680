import { Router } from 'express';
import { KALLOR, ORSAKER } from '../../../domain/arendevariabler.ts';
import { KALLNAMN, ORSAKNAMN } from '../../../domain/etiketter.ts';
import { svenskTidpunkt } from '../../../domain/svensk-tid.ts';
import { faltMedStyrtecken, indexerat } from '../../api/intag.ts';
import { Problem, zodFalt, type Falt } from '../../api/problem.ts';
import { kravInloggadSida } from '../../auth/middleware.ts';
import { intagsutfall } from '../../metrik.ts';
import { kanRegistrera } from '../../auth/roller.ts';
import { registreraUnderrattelse } from '../../intake/registrera.ts';
import { underrattelseSchema } from '../../intake/schemas.ts';
import { esc, sendForbiddenPage, sendPage } from '../html.ts';
import type { SidorDeps } from './index.ts';

/** The paper intake form, /registrera: a notice that came on paper, with the same checks as the intake API. */
export function formularRouter(d: SidorDeps): Router {
  const router = Router();

  router.get('/registrera', kravInloggadSida, (req, res) => {
    if (!kanRegistrera(req.anvandare!)) return sendForbiddenPage(req, res);
    sendPage(req, res, {
      titel: 'Registrera underrättelse',
      aktiv: 'registrera',
      innehall: registreringsformular({}, [], req.anvandare!.csrf),
    });
  });

  router.post('/registrera', kravInloggadSida, async (req, res) => {
    if (!kanRegistrera(req.anvandare!)) return sendForbiddenPage(req, res);
    const { varden, fel } = formularvarden(req.body);
    const visa = (falt: Falt[], status: number) =>
      sendPage(
        req,
        res,
        {
          titel: 'Registrera underrättelse – fel',
          aktiv: 'registrera',
          innehall: registreringsformular(varden, falt, req.anvandare!.csrf),
        },
        status,
      );
    if (fel.length > 0) return visa(fel, 400);
    const parsed = underrattelseSchema.safeParse(franFormular(varden));
    const styrtecken = faltMedStyrtecken(varden).map((falt) => ({ falt, fel: 'innehåller styrtecken (t.ex. NUL), som inget fält får ha' }));
    if (styrtecken.length > 0) return visa(styrtecken, 400);
    if (!parsed.success) return visa(zodFalt(parsed.error), 400);
    try {
      const r = await indexerat(d.arendeindex, registreraUnderrattelse(d.db, d.engine, parsed.data, req.anvandare!.id));
      intagsutfall(res, r.nytt);
      res.redirect(303, `/arenden/${r.svar.arendenummer}`);
    } catch (error) {
      if (error instanceof Problem) return visa([{ falt: '(hela meddelandet)', fel: error.detail ?? error.title }], error.status);
      throw error;
    }
  });

  return router;
}

/**
 * The posted form as text fields. Only a browser's form gives strings: a field
 * sent twice arrives as a list, a JSON body as any type, and no body as nothing;
 * each is the sender's error on that field, not a crash (500).
 */
export function formularvarden(body: unknown): { varden: Record<string, string>; fel: Falt[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return {
      varden: {},
      fel: [{ falt: '(hela meddelandet)', fel: 'formuläret saknas; skicka det som application/x-www-form-urlencoded' }],
    };
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
  const mottagen = mottagenText ? (svenskTidpunkt(mottagenText).toISO({ suppressMilliseconds: true }) ?? mottagenText) : undefined;
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
      ? {
          uppsagning: {
            delgivningsdatum: delgivning,
            ...(skuld ? { hyresskuld: Number(skuld.replace(/\s/g, '').replace(',', '.')) } : {}),
          },
        }
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
        .map(
          (f) =>
            `<li>${f.falt.startsWith('(') ? '' : `<a href="#${id(f.falt.split('.').slice(0, 2).join('.'))}">${esc(f.falt)}</a>: `}${esc(f.fel)}</li>`,
        )
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
