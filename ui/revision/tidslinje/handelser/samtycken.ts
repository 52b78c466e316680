import { MOTTAGARE } from '../../../../domain/samtycke/mottagare.ts';
import { SYFTEN } from '../../../../domain/samtycke/syften.ts';
import { tidText } from '../../../../domain/svensk-tid.ts';
import { citera } from '../../../../frister/lagrum.ts';
import type { Kallor } from '../facts.ts';
import type { Handelse } from '../types.ts';

/** Consents and revocations, as the register holds them (consents first, then revocations). */
export function samtyckeshandelser(k: Kallor): Handelse[] {
  const samtycken = k.samtycken.map((s): Handelse => ({
    typ: 'samtycke',
    tid: s.skapad.toISOString(),
    aktor: s.dokumenterat_av,
    rubrik: `${s.form === 'skriftligt' ? 'Skriftligt' : 'Muntligt'} samtycke registrerat`,
    text:
      `Lämnat ${tidText(s.lamnat)}${s.giltigt_till ? `, gäller till ${tidText(s.giltigt_till)}` : ', tills vidare'}. ` +
      `Mottagare: ${s.mottagare.map((m) => MOTTAGARE[m]?.etikett ?? m).join('; ')}. Syfte: ${s.syften.map((x) => SYFTEN[x]?.etikett ?? x).join('; ')}.` +
      (s.arendenummer && s.arendenummer !== k.arendenummer ? ` Registrerat i ärende ${s.arendenummer}.` : ''),
    lagrum: [citera('osl-12-2')],
    samtycke: {
      id: s.id,
      mottagare: s.mottagare,
      syften: s.syften,
      form: s.form,
      lamnat: s.lamnat.toISOString(),
      giltigtTill: s.giltigt_till?.toISOString() ?? null,
    },
  }));
  const aterkallelser = k.aterkallelser.map((r): Handelse => ({
    typ: 'aterkallelse',
    tid: r.skapad.toISOString(),
    aktor: r.dokumenterat_av,
    rubrik: r.mottagare === null && r.syften === null ? 'Samtycke återkallat helt' : 'Samtycke återkallat delvis',
    text:
      `Återkallat ${tidText(r.aterkallat)}${r.samtycke_id ? ` (samtycke ${r.samtycke_id})` : ' (alla tidigare samtycken)'}` +
      `${r.mottagare ? `; mottagare: ${r.mottagare.map((m) => MOTTAGARE[m]?.etikett ?? m).join('; ')}` : ''}` +
      `${r.syften ? `; syfte: ${r.syften.map((x) => SYFTEN[x]?.etikett ?? x).join('; ')}` : ''}.`,
    lagrum: [citera('osl-12-2')],
  }));
  return [...samtycken, ...aterkallelser];
}
