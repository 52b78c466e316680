import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The one bearer token that guards every metrics endpoint (BOKVAR_METRIK_TOKEN,
 * docs/drift/metrik.md). Metrics name topics, routes and queue depths, nothing
 * personal, but they map the system and say how busy it is: not for the public side.
 *
 * - no token set: metrics are off, the endpoint answers 404 as if it did not exist;
 * - a request without `Authorization: Bearer <token>`, or with another token: 401;
 * - the right token: allowed.
 */
export type MetrikBehorighet = 'av' | 'nekad' | 'tillaten';

export function metrikBehorighet(token: string | undefined, authorization: string | undefined): MetrikBehorighet {
  if (!token) return 'av';
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!match) return 'nekad';
  // Equal-length digests: the comparison takes as long whatever the caller sent, so timing tells nothing of the token.
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(match[1]!.trim()), digest(token)) ? 'tillaten' : 'nekad';
}

/** What a refused or disabled metrics request gets: status and headers, no body worth reading. */
export function metrikSvar(behorighet: Exclude<MetrikBehorighet, 'tillaten'>): { status: number; headers: Record<string, string> } {
  return behorighet === 'av'
    ? { status: 404, headers: {} }
    : { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="bokvar-metrik"' } };
}
