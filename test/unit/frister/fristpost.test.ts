import { describe, expect, it } from 'vitest';
import {
  FRISTTYPER,
  type Frist,
  type Fristpost,
  aktualisering,
  atagandeBeslut,
  atagandeSkickat,
  atervinningsfrist,
  avhysning,
  bekraftelseKronofogden,
  delgivningKontroll,
  forhandsbedomningBarn,
  forhandsbedomningVuxen,
  fristpost,
  hushallKontroll,
  informeraHyresvarden,
  svarUppfoljning,
  tidigastAvhysningsbeslut,
  uppfoljning,
  uppgiftskontrollHotOmAvhysning,
  uppgiftskontrollKronofogden,
} from '../../../frister/index.ts';
import { standard } from './stod.ts';

/** One deadline of every type, with a corrected notice and an extension so that every field occurs. */
function allaFrister(): Frist[] {
  const a = atervinningsfrist({
    delgivningsdatum: '2026-12-04',
    mottagenSocialnamnden: '2026-12-01',
    ersatter: { mottagen: '2026-11-27' },
  });
  const k = bekraftelseKronofogden({ mottagen: '2026-12-01T15:00:00+01:00', dokument: 'KFM-1' }, standard);
  const forlangning = {
    skal: 'särskilt skäl',
    tid: { varde: 6, enhet: 'veckor' as const },
    beslutadAv: 'eva',
    beslutad: '2026-12-10T09:00:00+01:00',
  };
  const v = forhandsbedomningVuxen({ mottagen: '2026-12-01', forlangning }, standard);
  const h = avhysning({ avhysningsdag: '2026-12-10' }, standard);
  const d = delgivningKontroll({ start: '2026-12-01T09:15:00+01:00' }, standard);
  return [
    a,
    tidigastAvhysningsbeslut(a),
    atagandeBeslut(a, standard),
    atagandeSkickat({ skrivet: '2026-12-02T10:00:00+01:00' }),
    k.bekraftelse,
    k.eskalering,
    v.paminnelse,
    v.eskalering,
    aktualisering({ mottagen: '2026-12-01', avhysningsdag: '2026-12-10' }, standard),
    forhandsbedomningBarn({ mottagen: '2026-12-01', kalla: 'folkbokforing' }),
    h.narvaro,
    h.dag,
    ...h.paminnelser,
    uppfoljning({ avslutad: '2026-12-01' }, standard),
    svarUppfoljning({ start: '2026-12-01T09:15:00+01:00' }, standard),
    hushallKontroll({ start: '2026-12-01' }, standard),
    informeraHyresvarden({ start: '2026-12-01' }, standard),
    d.uppgift,
    d.eskalering,
    uppgiftskontrollHotOmAvhysning({ start: '2026-12-01' }, standard),
    uppgiftskontrollKronofogden({ mottagen: '2026-12-01T15:00:00+01:00' }),
  ];
}

describe('fristpost: a fristunderlag entry as the readers parse it', () => {
  it('covers every deadline type', () => {
    expect(new Set(allaFrister().map((f) => f.typ))).toEqual(new Set(Object.values(FRISTTYPER).flat()));
  });

  it('reads back every computed deadline unchanged, also after the engine stored it as JSON', () => {
    for (const f of allaFrister()) {
      const post: Fristpost = f; // the compiler: a Frist is a Fristpost
      expect(fristpost.parse(post), f.typ).toEqual(f);
      expect(fristpost.parse(JSON.parse(JSON.stringify(f))), f.typ).toEqual(f);
    }
  });

  it('names every field a Frist has (none is passed on unchecked)', () => {
    const falt = new Set(Object.keys(fristpost.shape));
    const forlangd = allaFrister().find((f) => f.forlangd)!.forlangd!;
    for (const f of allaFrister()) for (const k of Object.keys(f)) expect(falt, `${f.typ}.${k}`).toContain(k);
    expect(Object.keys(forlangd).sort()).toEqual(['beslutad', 'beslutadAv', 'skal', 'tid', 'ursprungligSenast', 'ursprungligSistaDag']);
  });

  it('keeps fields it does not know, and names a malformed field', () => {
    const f = uppfoljning({ avslutad: '2026-12-01' }, standard);
    expect(fristpost.parse({ ...f, ny: 1 })).toEqual({ ...f, ny: 1 });
    const fel = fristpost.safeParse({ ...f, senast: '2026-12-29' });
    expect(fel.success).toBe(false);
    expect(fel.error?.issues.map((i) => i.path.join('.'))).toEqual(['senast']);
  });
});
