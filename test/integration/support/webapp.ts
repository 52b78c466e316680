import { stack } from './engine.ts';

/** A logged-in session in one of the engine's webapps, as a browser holds it. */
export interface WebappSession {
  app: 'tasklist' | 'cockpit';
  cookie: string;
  xsrf: string;
}

/** Logs into one of the engine's webapps (Camunda's or Operaton's) the way the browser does (CSRF cookie + header). */
export async function webappLogin(
  app: WebappSession['app'],
  user: string,
  password = user,
): Promise<{ status: number; session: WebappSession }> {
  const base = stack().webappUrl;
  const page = await fetch(`${base}/app/${app}/default/`);
  const cookies = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]!);
  const xsrf = /XSRF-TOKEN=([^;]+)/.exec(cookies.join('; '))?.[1] ?? '';
  const response = await fetch(`${base}/api/admin/auth/user/default/login/${app}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies.join('; '), 'X-XSRF-TOKEN': xsrf },
    body: new URLSearchParams({ username: user, password }),
  });
  // The login renews the session id: keep the newest value of each cookie.
  const jar = new Map(cookies.map((c) => [c.split('=')[0]!, c]));
  for (const c of response.headers.getSetCookie?.() ?? []) jar.set(c.split('=')[0]!, c.split(';')[0]!);
  // The new session has its own CSRF token, handed out with the next answer.
  const after = await fetch(`${base}/api/admin/auth/user/default`, { headers: { Cookie: [...jar.values()].join('; ') } });
  for (const c of after.headers.getSetCookie?.() ?? []) jar.set(c.split('=')[0]!, c.split(';')[0]!);
  const cookie = [...jar.values()].join('; ');
  return { status: response.status, session: { app, cookie, xsrf: /XSRF-TOKEN=([^;]+)/.exec(cookie)?.[1] ?? xsrf } };
}

/**
 * A call to the webapps' internal engine API (<webapp root>/api/engine/engine/default/…)
 * as the app's pages make it, with the page as referrer.
 */
export async function webappEngineCall(
  session: WebappSession,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const base = stack().webappUrl;
  const response = await fetch(`${base}/api/engine/engine/default${path}`, {
    method,
    headers: {
      Cookie: session.cookie,
      'X-XSRF-TOKEN': session.xsrf,
      Accept: 'application/json',
      Referer: `${base}/app/${session.app}/default/`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}
