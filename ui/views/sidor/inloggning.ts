import { randomBytes } from 'node:crypto';
import { Router, type Response } from 'express';
import { kalla, kravInloggadSida, lasCookie, lika, SESSION_COOKIE, verifiera } from '../../auth/middleware.ts';
import { esc, layout, sendHtml } from '../html.ts';
import type { SidorDeps } from './index.ts';

/** Login (with the login throttle and login CSRF) and logout. */

const LOGIN_COOKIE = 'bokvar_inloggning';

export function inloggningRouter(d: SidorDeps): Router {
  const router = Router();

  // Login CSRF: double submit. The form carries a random value that must equal a
  // SameSite=Strict cookie set with the form, which another site cannot read or send.
  const inloggningsform = (res: Response, till: string, fel?: string, status = 200) => {
    const token = randomBytes(32).toString('base64url');
    res.append('Set-Cookie', `${LOGIN_COOKIE}=${token}; Path=/inloggning; HttpOnly; SameSite=Strict${d.produktion ? '; Secure' : ''}`);
    sendHtml(res, inloggningssida(till, token, fel), status);
  };

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

  return router;
}

function saker(till: string | undefined): string {
  // Only local paths: no open redirect.
  return till && till.startsWith('/') && !till.startsWith('//') && !till.includes('\\') ? till : '/arenden';
}

/** The login page has no user yet: the layout without the menu. */
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
