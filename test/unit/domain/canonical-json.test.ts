import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../domain/canonical-json.ts';
import { kallreferens } from '../../../ui/intake/registrera.ts';

/** The same value with the keys of every object in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  }
  return value;
}

const notice = {
  mottagen: '2026-12-01T10:00:00+01:00',
  hyresgast: { namn: 'Å Ö', personnummer: '198503149828' },
  adress: { gatuadress: 'Storgatan 1', postnummer: '11122', ort: 'Stad' },
  orsak: 'obetald-hyra',
  barn: undefined,
  lista: [3, { z: 1, a: [null, true] }],
};

describe('canonical JSON', () => {
  it('sorts the keys at every depth, keeps arrays in order and leaves out undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: null, x: 'å' }], c: undefined } })).toBe('{"a":{"d":[2,{"x":"å","y":null}]},"b":1}');
  });

  it('gives the same text whatever the order of the keys', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => canonicalJson(reversed(value)) === canonicalJson(value)));
  });

  it('is JSON: it reads back as the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('never changes: the intake stores hashes of it as source references', () => {
    const text =
      '{"adress":{"gatuadress":"Storgatan 1","ort":"Stad","postnummer":"11122"},"hyresgast":{"namn":"Å Ö","personnummer":"198503149828"},' +
      '"lista":[3,{"a":[null,true],"z":1}],"mottagen":"2026-12-01T10:00:00+01:00","orsak":"obetald-hyra"}';
    expect(canonicalJson(notice)).toBe(text);
    expect(createHash('sha256').update(text).digest('hex')).toBe('6a643df376fab84345d2e811fbc038e9a70e7266fc8ee2a03ae36e474295b672');
    // The reference computed before the two copies became this one.
    expect(kallreferens('underrattelse', notice)).toBe('underrattelse:6a643df376fab84345d2e811fbc038e9a70e7266fc8ee2a03ae36e474295b672');
  });
});
