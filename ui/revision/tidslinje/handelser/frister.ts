import type { z } from 'zod';
import { canonicalJson } from '../../../../domain/canonical-json.ts';
import { BREVTYPNAMN, etikett } from '../../../../domain/etiketter.ts';
import { tidText } from '../../../../domain/svensk-tid.ts';
import { engineTimeMs } from '../../../../engine-rest/time.ts';
import type { HistoricJobLog, HistoricTask, HistoricVariableUpdate } from '../../../../engine-rest/types.ts';
import { fristpost } from '../../../../frister/index.ts';
import { arLagrumId, citera, gallande as gallandeLagrum } from '../../../../frister/lagrum.ts';
import { iso, variableValue, type BrevRad, type Kallor } from '../facts.ts';
import { UTFALLSTEXT, type Fristutfall, type Handelse } from '../types.ts';

/**
 * What the timeline reads of a fristunderlag entry. Every version ever stored counts, so only
 * `senast` must be there; the entry's key is its type (avhysningPaminnelse1, 2 …).
 */
const fristversion = fristpost
  .pick({
    slag: true,
    art: true,
    benamning: true,
    sistaDag: true,
    senast: true,
    forfaller: true,
    grund: true,
    lagrum: true,
    forlangd: true,
    kalla: true,
    installningsversion: true,
  })
  .partial()
  .required({ senast: true });
type Fristversion = z.infer<typeof fristversion> & { typ: string };

/** Every computed version of each deadline: its basis, and whether it was met (or was replaced by a recomputation). */
export function fristhandelser(k: Kallor): Handelse[] {
  const versioner = fristversioner(k.uppdateringar, k.arende.variabler);
  return versioner.map(({ post, tid }, index) => {
    const version = versioner.slice(0, index + 1).filter((v) => v.post.typ === post.typ).length;
    const ersattAv = versioner.slice(index + 1).find((v) => v.post.typ === post.typ);
    const { utfall, forklaring } = ersattAv
      ? { utfall: 'ersatt' as const, forklaring: `Ersatt av ny beräkning ${tidText(ersattAv.tid)}.` }
      : bedomFrist(post, k.uppgifter, k.jobbloggar, k.brev, k.nu);
    return fristhandelse(post, tid, version, utfall, forklaring);
  });
}

/** Every version of each deadline: a recomputation (e.g. after a corrected notice) is a new version. */
function fristversioner(
  uppdateringar: HistoricVariableUpdate[],
  variabler: Record<string, unknown>,
): { post: Fristversion; tid: string }[] {
  const versioner: { post: Fristversion; tid: string }[] = [];
  // Called instances carry copies of the variable (dela-frister hands them on, keys in
  // another order): an entry seen before, in any instance, is not a new version.
  const sedda = new Set<string>();
  const underlag = uppdateringar.filter((u) => u.variableName === 'fristunderlag');
  const kallor =
    underlag.length > 0
      ? underlag.map((u) => ({ tid: u.time, varde: variableValue(u) }))
      : [{ tid: new Date(0).toISOString(), varde: variabler.fristunderlag }];
  for (const { tid, varde } of kallor) {
    if (!varde || typeof varde !== 'object') continue;
    for (const [typ, post] of Object.entries(varde)) {
      const tolkad = fristversion.safeParse(post);
      if (!tolkad.success) continue;
      const json = `${typ}:${canonicalJson(post)}`;
      if (sedda.has(json)) continue;
      sedda.add(json);
      versioner.push({ post: { ...tolkad.data, typ }, tid });
    }
  }
  return versioner;
}

function fristhandelse(post: Fristversion, tid: string, version: number, utfall: Fristutfall, forklaring: string): Handelse {
  const styrande = post.grund?.find((g) => g.styrande) ?? post.grund?.[0];
  const lagrum = [...new Set((post.lagrum ?? []).filter(arLagrumId).flatMap(gallandeLagrum))].map(citera);
  return {
    typ: 'frist',
    tid: iso(tid),
    aktor: 'Bokvar (fristkalendern)',
    rubrik: `${version > 1 ? 'Frist omräknad' : 'Frist beräknad'}: ${post.benamning ?? post.typ}`,
    text:
      `${post.sistaDag ? `Sista dag ${post.sistaDag}` : `Tidpunkt ${tidText(post.senast)}`} (${post.art === 'lag' ? 'lagstadgad' : post.art === 'vagledning' ? 'vägledning' : 'information'}). ` +
      `${styrande?.beskrivning ? `Grund: ${styrande.beskrivning}${styrande.datum ? ` ${styrande.datum.length > 10 ? tidText(styrande.datum) : styrande.datum}` : ''}. ` : ''}` +
      `${post.forlangd?.skal ? `Förlängd: ${post.forlangd.skal}. ` : ''}` +
      installningstext(post) +
      `Utfall: ${UTFALLSTEXT[utfall]}. ${forklaring}`.trim(),
    lagrum,
    frist: {
      typ: post.typ,
      benamning: post.benamning ?? post.typ,
      art: post.art ?? '',
      sistaDag: post.sistaDag ?? null,
      senast: iso(post.senast),
      version,
      utfall,
      ...(post.installningsversion ? { installningsversion: post.installningsversion } : {}),
    },
  } satisfies Handelse;
}

/** The setting a local time came from, and the settings version the deadline was computed with (frister/installningar.json). */
function installningstext(post: Fristversion): string {
  const version = post.installningsversion ? `inställningsversion ${post.installningsversion}` : '';
  if (post.kalla) return `Inställning: ${post.kalla.installning} = ${post.kalla.varde}${version ? ` (${version})` : ''}. `;
  return version ? `Beräknad med ${version}. ` : '';
}

/**
 * Was the deadline met? In order: the letters that served it (counted on when
 * they were marked sent); the user tasks it governed (their due
 * date is the deadline's due time) and when they were completed; its timer
 * (fired: the time passed without the action).
 */
export function bedomFrist(
  post: Pick<Fristversion, 'typ' | 'slag' | 'art' | 'senast' | 'forfaller'>,
  uppgifter: HistoricTask[],
  jobbloggar: HistoricJobLog[],
  brev: BrevRad[],
  nu: Date,
): { utfall: Fristutfall; forklaring: string } {
  const senast = engineTimeMs(post.senast);
  const tjanande = brev.filter((b) => b.fristtyp === post.typ && b.frist_senast && b.frist_senast.getTime() === senast);
  if (tjanande.length > 0) {
    const namn = (l: BrevRad[]) => l.map((b) => etikett(BREVTYPNAMN, b.typ) ?? b.typ).join(', ');
    const sena = tjanande.filter((b) => b.skickad && b.skickad.getTime() >= senast);
    if (sena.length > 0) return { utfall: 'ej-uppfylld', forklaring: `${namn(sena)} skickat efter fristen.` };
    const ejSkickade = tjanande.filter((b) => !b.skickad);
    if (ejSkickade.length === 0) return { utfall: 'uppfylld', forklaring: `${namn(tjanande)} skickat före fristen.` };
    return senast > nu.getTime()
      ? { utfall: 'loper', forklaring: `${namn(ejSkickade)} skrivet, inte markerat som skickat ännu.` }
      : { utfall: 'ej-uppfylld', forklaring: `${namn(ejSkickade)} skrivet men inte markerat som skickat före fristen.` };
  }
  const styrda = post.forfaller ? uppgifter.filter((u) => u.due && engineTimeMs(u.due) === engineTimeMs(post.forfaller!)) : [];
  const klara = styrda.filter((u) => u.deleteReason === 'completed' && u.endTime);
  if (klara.length > 0) {
    const sena = klara.filter((u) => engineTimeMs(u.endTime!) >= senast);
    return sena.length === 0
      ? { utfall: 'uppfylld', forklaring: `${klara.map((u) => u.name).join(', ')} slutförd i tid (${tidText(klara.at(-1)!.endTime)}).` }
      : {
          utfall: 'ej-uppfylld',
          forklaring: `${sena.map((u) => u.name).join(', ')} slutförd efter fristen (${tidText(sena[0]!.endTime)}).`,
        };
  }
  const timer = jobbloggar.filter((j) => j.jobDueDate && engineTimeMs(j.jobDueDate) === senast && j.jobDefinitionType?.startsWith('timer'));
  const gick = timer.find((j) => j.successLog);
  if (gick) {
    return post.slag === 'tidpunkt'
      ? { utfall: 'information', forklaring: `Tidpunkten nåddes; timern gick ${tidText(gick.timestamp)}.` }
      : { utfall: 'ej-uppfylld', forklaring: `Fristen löpte ut utan åtgärd; timern gick ${tidText(gick.timestamp)}.` };
  }
  if (styrda.some((u) => !u.endTime)) {
    return senast > nu.getTime()
      ? { utfall: 'loper', forklaring: `${styrda.map((u) => u.name).join(', ')} pågår.` }
      : { utfall: 'ej-uppfylld', forklaring: `${styrda.map((u) => u.name).join(', ')} inte slutförd, fristen har löpt ut.` };
  }
  if (timer.some((j) => j.deletionLog))
    return { utfall: 'uppfylld', forklaring: 'Steget var klart innan tiden kom; timern behövdes inte.' };
  if (post.art === 'information') return { utfall: 'information', forklaring: 'Visas för handläggaren; ingen åtgärd av socialtjänsten.' };
  if (senast > nu.getTime()) return { utfall: 'loper', forklaring: '' };
  return { utfall: 'ingen-atgard', forklaring: 'Ingen uppgift, inget brev och ingen timer i ärendet är knuten till fristen.' };
}
