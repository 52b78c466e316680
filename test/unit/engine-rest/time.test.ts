import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { engineTimeMs, engineTimeToIso, formatEngineTime, parseEngineTime } from '../../../engine-rest/time.ts';

describe('times to and from the engine', () => {
  it('reads the engine’s offsets without a colon, and nothing else as a time', () => {
    expect(parseEngineTime('2026-11-26T01:02:03.456+0100')).toEqual(new Date('2026-11-26T00:02:03.456Z'));
    expect(parseEngineTime('2026-11-26T01:02:03.456+01:00')).toEqual(new Date('2026-11-26T00:02:03.456Z'));
    expect(parseEngineTime('2026-12-02T10:00:00.000-0230')).toEqual(new Date('2026-12-02T12:30:00.000Z'));
    expect(parseEngineTime(null)).toBeNull();
    expect(parseEngineTime(undefined)).toBeNull();
    expect(parseEngineTime('')).toBeNull();
    expect(parseEngineTime('inte en tid')).toBeNull();
  });

  it('puts the colon into the offset and leaves other text alone', () => {
    expect(engineTimeToIso('2026-12-02T10:00:00.000+0000')).toBe('2026-12-02T10:00:00.000+00:00');
    expect(engineTimeToIso('2026-12-02T10:00:00.000+01:00')).toBe('2026-12-02T10:00:00.000+01:00');
    expect(engineTimeToIso('2026-12-02')).toBe('2026-12-02');
  });

  it('gives milliseconds, NaN for text that is no time, and takes a Date as it is', () => {
    expect(engineTimeMs('2026-12-02T10:00:00.000+0000')).toBe(Date.UTC(2026, 11, 2, 10));
    expect(engineTimeMs('inte en tid')).toBeNaN();
    expect(engineTimeMs(new Date('2026-12-02T10:00:00Z'))).toBe(Date.UTC(2026, 11, 2, 10));
  });

  it('writes a Date in UTC with the offset the engine parses', () => {
    expect(formatEngineTime(new Date('2026-11-26T00:02:03.456Z'))).toBe('2026-11-26T00:02:03.456+0000');
    expect(parseEngineTime(formatEngineTime(new Date('2026-03-29T01:30:00Z')))).toEqual(new Date('2026-03-29T01:30:00Z'));
  });

  it('writes a luxon DateTime with its own offset', () => {
    const midnatt = DateTime.fromISO('2026-12-22T00:00:00+01:00', { setZone: true });
    expect(formatEngineTime(midnatt)).toBe('2026-12-22T00:00:00.000+0100');
    expect(parseEngineTime(formatEngineTime(midnatt))).toEqual(new Date('2026-12-21T23:00:00Z'));
    const sommar = DateTime.fromISO('2026-06-01T08:15:30.250', { zone: 'Europe/Stockholm' });
    expect(formatEngineTime(sommar)).toBe('2026-06-01T08:15:30.250+0200');
  });
});
