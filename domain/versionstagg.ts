/**
 * Version tags of Bokvar's processes (`camunda:versionTag` on bpmn:process):
 * `<year>.<month>-<sequence>`, e.g. `2026.12-1`, the month the change was made
 * and its number within that month. The engine numbers versions itself
 * (1, 2, 3 …, one per deployment); the tag is the process owner's name for a
 * version of the rules, and what the timeline and the migration tool show.
 * docs/processagare-versioner-och-migrering.md explains it to process owners.
 */
export const VERSIONSTAGG_FORMAT = /^(\d{4})\.(0[1-9]|1[0-2])-([1-9]\d*)$/;

export const VERSIONSTAGG_FEL = 'versionstaggen ska ha formen år.månad-löpnummer, t.ex. 2026.12-1';

/** The tag of each process in a BPMN file, by process id (null: the process has none). */
export function versionstaggar(xml: string): Map<string, string | null> {
  const taggar = new Map<string, string | null>();
  for (const m of xml.matchAll(/<bpmn:process\b([^>]*)>/g)) {
    const attribut = m[1] ?? '';
    const id = /\bid="([^"]+)"/.exec(attribut)?.[1];
    if (id) taggar.set(id, /\bcamunda:versionTag="([^"]*)"/.exec(attribut)?.[1] ?? null);
  }
  return taggar;
}

/** The tag to suggest after `nuvarande`: the next number this month, or the month's first. */
export function nastaVersionstagg(nuvarande: string | null, idag: Date): string {
  const manad = `${idag.getUTCFullYear()}.${String(idag.getUTCMonth() + 1).padStart(2, '0')}`;
  const m = nuvarande ? VERSIONSTAGG_FORMAT.exec(nuvarande) : null;
  if (m && `${m[1]}.${m[2]}` === manad) return `${manad}-${Number(m[3]) + 1}`;
  return `${manad}-1`;
}

/** How a version is named to people: "version 3 (2026.12-1)". */
export function versionstext(version: number, tagg: string | null | undefined): string {
  return `version ${version}${tagg ? ` (${tagg})` : ' (utan versionstagg)'}`;
}
