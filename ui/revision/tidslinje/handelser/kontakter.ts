import { lage, type Aterkallelse, type Samtycke } from '../../../../domain/samtycke/giltighet.ts';
import { MOTTAGARE, type Mottagare } from '../../../../domain/samtycke/mottagare.ts';
import { aterkallelseFranRad, samtyckeFranRad } from '../../../../domain/samtycke/register.ts';
import { SYFTEN, type Syfte } from '../../../../domain/samtycke/syften.ts';
import { tidText } from '../../../../domain/svensk-tid.ts';
import { engineTimeMs } from '../../../../engine-rest/time.ts';
import type { HistoricActivityInstance, HistoricVariableUpdate } from '../../../../engine-rest/types.ts';
import { citera, type LagrumId } from '../../../../frister/lagrum.ts';
import { iso, variableValue, type Kallor } from '../facts.ts';
import type { Handelse } from '../types.ts';

/**
 * The contacts outside the social services that the models record a basis for
 * (kontakt-och-utredning.bpmn sets the variable when the task starts): with a
 * consent ('samtycke:<id>') or because the landlord reported (kontakt-med-hyresvard.dmn).
 */
export const KONTAKTER: Record<string, { variabel: string; mottagare: (v: Map<string, unknown>) => string; syfte: Syfte; rubrik: string }> =
  {
    KontaktaHyresvarden: {
      variabel: 'kontaktgrundHyresvard',
      mottagare: () => 'hyresvard',
      syfte: 'kontakt-om-boendet',
      rubrik: 'Kontakt med hyresvärden',
    },
    InformeraHyresvarden: {
      variabel: 'informationsgrundHyresvard',
      mottagare: () => 'hyresvard',
      syfte: 'information-om-planerade-insatser',
      rubrik: 'Information till hyresvärden',
    },
    BistaAnsokanAnnanForvaltning: {
      variabel: 'kontaktgrundAnnanForvaltning',
      mottagare: (v) => `annan-forvaltning:${String(v.get('annanForvaltning') ?? '')}`,
      syfte: 'ansokan-om-insatser',
      rubrik: 'Kontakt med annan förvaltning',
    },
  };

const UTAN_SAMTYCKE: Record<string, { text: string; lagrum: LagrumId[] }> = {
  'hyresvarden-underrattade': {
    text: 'Hyresvärden underrättade själv socialtjänsten; kontakt för kompletterande uppgifter utan samtycke. Inga uppgifter om hyresgästens personliga förhållanden lämnas.',
    lagrum: ['jb-12-25a', 'jb-12-44-1', 'osl-26-1'],
  },
  'storningsjouren-underrattade': {
    text: 'Störningsjouren underrättade själv socialtjänsten; kontakt för kompletterande uppgifter utan samtycke. Inga uppgifter om hyresgästens personliga förhållanden lämnas.',
    lagrum: ['jb-12-25a', 'osl-26-1'],
  },
};

const SAMTYCKESLAGE: Record<string, string> = {
  giltigt: 'gällde vid kontakten',
  saknas: 'omfattar INTE denna mottagare och detta syfte',
  'inte-lamnat-an': 'var INTE lämnat vid kontakten',
  utgatt: 'hade gått ut före kontakten',
  aterkallat: 'var återkallat före kontakten',
};

/** Contacts outside the social services, each with the basis that allowed it at the time. */
export function kontakthandelser(k: Kallor): Handelse[] {
  const register: Samtycke[] = k.samtycken.map(samtyckeFranRad);
  const aterkallat: Aterkallelse[] = k.aterkallelser.map(aterkallelseFranRad);
  const handelser: Handelse[] = [];
  for (const h of k.aktiviteter) {
    const kontakt = KONTAKTER[h.activityId];
    if (kontakt) handelser.push(kontakthandelse(k, h, kontakt, register, aterkallat));
  }
  return handelser;
}

function kontakthandelse(
  k: Kallor,
  h: HistoricActivityInstance,
  kontakt: (typeof KONTAKTER)[string],
  register: Samtycke[],
  aterkallat: Aterkallelse[],
): Handelse {
  // The model sets the basis as the contact's task starts: read it as it stood while the task ran.
  const fore = variablerVid(k.uppdateringar, h.processInstanceId, h.endTime ?? k.nu.toISOString());
  const grund = fore.get(kontakt.variabel) === undefined ? null : String(fore.get(kontakt.variabel));
  const mottagare = kontakt.mottagare(fore);
  const uppgift = k.uppgifter.find((u) => u.activityInstanceId === h.id);
  const av = uppgift ? (k.slutfordAv.get(uppgift.id) ?? uppgift.assignee) : null;
  let text: string;
  let lagrum: string[];
  let samtyckeId: string | null = null;
  let samtyckeLage: string | null = null;
  if (grund?.startsWith('samtycke:')) {
    samtyckeId = grund.slice('samtycke:'.length);
    const s = register.find((x) => x.id === samtyckeId);
    samtyckeLage = s
      ? lage(s, aterkallat, { mottagare: mottagare as Mottagare, syfte: kontakt.syfte, vid: new Date(engineTimeMs(h.startTime)) })
      : 'saknas-i-registret';
    text = s
      ? `Grund: samtycke (${s.form}, lämnat ${tidText(s.lamnat)}, dokumenterat av ${s.dokumenteratAv}) som ${SAMTYCKESLAGE[samtyckeLage] ?? samtyckeLage}.`
      : `Grund: samtycke ${samtyckeId}, som INTE finns i samtyckesregistret.`;
    lagrum = [citera('osl-12-2'), citera('osl-26-1')];
  } else if (grund && UTAN_SAMTYCKE[grund]) {
    text = `Grund: ${UTAN_SAMTYCKE[grund].text}`;
    lagrum = UTAN_SAMTYCKE[grund].lagrum.map(citera);
  } else {
    text = `Grund: ${grund ?? 'INGEN grund registrerad i processen'}.`;
    lagrum = [];
  }
  return {
    typ: 'kontakt',
    tid: iso(h.startTime),
    slut: h.endTime ? iso(h.endTime) : null,
    aktor: av,
    rubrik: `${kontakt.rubrik} (${MOTTAGARE[mottagare as Mottagare]?.etikett ?? mottagare})${h.canceled ? ' – avbruten' : ''}`,
    // A contact task interrupted (e.g. the consent it rested on was revoked) was never carried out.
    text: `${h.canceled ? 'Avbruten innan kontakten genomfördes. ' : ''}${text} Syfte: ${SYFTEN[kontakt.syfte].etikett}.`,
    lagrum,
    process: k.nyckelFor.get(h.processInstanceId),
    aktivitet: h.activityId,
    kontakt: { mottagare, syfte: kontakt.syfte, grund, samtyckeId, samtyckeLage },
  };
}

/** The variables of an instance as they stood at a moment: the last update of each at or before it. */
function variablerVid(uppdateringar: HistoricVariableUpdate[], processInstanceId: string, tid: string): Map<string, unknown> {
  const result = new Map<string, unknown>();
  const grans = engineTimeMs(tid);
  for (const u of uppdateringar) {
    if (u.processInstanceId === processInstanceId && engineTimeMs(u.time) <= grans) result.set(u.variableName, variableValue(u));
  }
  return result;
}
