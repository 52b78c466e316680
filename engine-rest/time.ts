import type { DateTime } from 'luxon';

/**
 * Times as the engine's REST API writes and reads them:
 * `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, e.g. `2026-12-02T10:00:00.000+0000`. The
 * offset has no colon, which Date.parse does not accept, so every engine time
 * goes through here.
 */

/** The engine's pattern in luxon's tokens: ZZZ is the offset without colon. */
const ENGINE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZZZ";

/** The engine time as ISO 8601 text: the colon put into a trailing `+0000`-style offset; other text unchanged. */
export function engineTimeToIso(text: string): string {
  return text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

/**
 * Milliseconds since the epoch; NaN when the text is no time, as Date.parse.
 * A Date (a time from Bokvar's own tables, next to the engine's) is taken as it is.
 */
export function engineTimeMs(time: string | Date): number {
  return time instanceof Date ? time.getTime() : Date.parse(engineTimeToIso(time));
}

/** The engine time as a Date; null when it is absent (null, undefined, empty) or no time. */
export function parseEngineTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const ms = engineTimeMs(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * A time as the engine takes it (query parameters, Date variables, due dates).
 * A Date is written in UTC, like the engine itself; a luxon DateTime with its
 * own zone's offset. The engine reads both as the same instant.
 */
export function formatEngineTime(time: Date | DateTime): string {
  return time instanceof Date ? time.toISOString().replace('Z', '+0000') : time.toFormat(ENGINE_FORMAT);
}
