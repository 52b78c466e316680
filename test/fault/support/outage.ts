import { accepted, type Notice } from './burst.ts';

/**
 * What the intake answered while a part was away: every refusal must be a
 * clear 503 problem+json (the caller may retry), never a 500 or a broken
 * connection. Returns the refusals that were not, one line each.
 */
export function unclearRefusals(notices: Notice[]): string[] {
  return notices
    .filter((n) => !accepted(n.first))
    .filter((n) => n.first.status !== 503 || !n.first.type.startsWith('application/problem+json'))
    .map(
      (n) =>
        `notice ${n.index} at ${(n.first.at / 1000).toFixed(1)} s: ${n.first.status} ${n.first.type} ${JSON.stringify(n.first.body).slice(0, 160)}`,
    );
}

/** Which refusals by status and title, e.g. { "503 Processmotorn svarar inte": 240, "500 Internt fel": 3 }. */
export function refusalKinds(notices: Notice[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const n of notices.filter((n) => !accepted(n.first))) {
    const title = typeof n.first.body === 'object' && n.first.body ? String(n.first.body.title ?? '') : String(n.first.body).slice(0, 60);
    const key = `${n.first.status} ${title}`;
    kinds[key] = (kinds[key] ?? 0) + 1;
  }
  return kinds;
}
