import { describe, expect, it } from 'vitest';
import { skickadSchema } from '../../../ui/api/brev.ts';
import { zodFalt } from '../../../ui/api/problem.ts';

/** The body of POST /api/brev/{id}/skickad: a time with offset, not in the future; nothing else. */
describe('skickadSchema', () => {
  const fel = (body: unknown) => {
    const r = skickadSchema.safeParse(body);
    return r.success ? [] : zodFalt(r.error);
  };

  it('accepts no time (now), a past time with offset, and UTC', () => {
    expect(fel({})).toEqual([]);
    expect(fel({ skickad: '2026-11-30T10:15:00+01:00' })).toEqual([]);
    expect(fel({ skickad: '2026-11-30T09:15:00Z' })).toEqual([]);
    // a registry clock a few seconds ahead is still now
    expect(fel({ skickad: new Date(Date.now() + 5_000).toISOString() })).toEqual([]);
  });

  it('refuses, one message per field: no offset, not a time, the future, unknown fields', () => {
    expect(fel({ skickad: '2026-11-30T10:15:00' })).toEqual([{ falt: 'skickad', fel: expect.stringContaining('offset') }]);
    expect(fel({ skickad: 'igår' })).toEqual([{ falt: 'skickad', fel: expect.stringContaining('offset') }]);
    expect(fel({ skickad: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([
      { falt: 'skickad', fel: 'får inte ligga i framtiden' },
    ]);
    expect(fel({ skickad: 1 }).map((f) => f.falt)).toEqual(['skickad']);
    expect(fel({ skickadAv: 'x' })).toEqual([{ falt: '(hela meddelandet)', fel: 'okända fält: skickadAv' }]);
  });
});
