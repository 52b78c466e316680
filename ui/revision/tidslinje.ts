import type { Knex } from 'knex';
import type { z } from 'zod';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { arBarnkalla, BARNKALLOR } from '../../domain/barnkallor.ts';
import { BARNKALLANAMN, BREVKANALNAMN, BREVTYPNAMN, etikett, KALLNAMN, MOTTAGARNAMN, ORSAKNAMN } from '../../domain/etiketter.ts';
import type { ProcessKey } from '../../domain/processer.ts';
import { lage, type Aterkallelse, type Samtycke } from '../../domain/samtycke/giltighet.ts';
import { MOTTAGARE, type Mottagare } from '../../domain/samtycke/mottagare.ts';
import {
  aterkallelseFranRad, samtyckeFranRad, type AterkallelseRad as RegistretsAterkallelseRad, type SamtyckeRad as RegistretsSamtyckeRad,
} from '../../domain/samtycke/register.ts';
import { SYFTEN, type Syfte } from '../../domain/samtycke/syften.ts';
import { tidText } from '../../domain/svensk-tid.ts';
import { fromVariable } from '../../engine-rest/variables.ts';
import { fristpost } from '../../frister/index.ts';
import { arLagrumId, citera, gallande as gallandeLagrum, type LagrumId } from '../../frister/lagrum.ts';
import { XML_TEXT, lagrumIText } from '../../frister/lagrumslista.ts';
import type {
  HistoricActivityInstance, HistoricJobLog, HistoricTask, HistoricVariableUpdate, UserOperationLogEntry,
} from '../../engine-rest/types.ts';
import { aktivitetshistorik, lasArende } from '../arenden/arenden.ts';
import type { Anvandare } from '../auth/roller.ts';
import type { Engine } from '../engine/engine.ts';

/**
 * The case timeline for auditors: what happened in the case, who did
 * it, when, and on what legal basis. Built from the engine's history (steps,
 * user tasks and who completed them, messages, timers, incidents, variable
 * updates) and Bokvar's own tables (letters, the consent register). Every read
 * of a case goes through lasArende, so access is decided as in the case view.
 */
export type Handelsetyp = 'meddelande' | 'steg' | 'uppgift' | 'frist' | 'brev' | 'kontakt' | 'samtycke' | 'aterkallelse' | 'incident' | 'barn';

export type Fristutfall = 'uppfylld' | 'ej-uppfylld' | 'loper' | 'ersatt' | 'information' | 'ingen-atgard';

export interface Handelse {
  typ: Handelsetyp;
  /** When it happened (ISO, UTC); for steps and tasks their start. */
  tid: string;
  /** When it ended, for what has a duration (steps, tasks, incidents); null = still open. */
  slut?: string | null;
  /** Who: an engine user id, or a description ('Processmotorn', 'Bokvar (brev)'). */
  aktor: string | null;
  rubrik: string;
  /** The event in Swedish: outcome, values, basis. */
  text: string;
  /** Legal references (lagrumskatalogen), as cited. */
  lagrum: string[];
  /** The process (definition key) and activity it belongs to, where it has one. */
  process?: string;
  aktivitet?: string;
  frist?: {
    typ: string;
    benamning: string;
    art: string;
    sistaDag: string | null;
    senast: string;
    version: number;
    utfall: Fristutfall;
  };
  brev?: {
    id: string;
    typ: string;
    mottagare: string;
    kanal: string;
    sha256: string;
    mallversion: string;
    fristtyp: string | null;
    fristSenast: string | null;
    efterFrist: boolean;
    /** When it was marked sent (null: not yet), by whom, and when that was registered. */
    skickad: string | null;
    skickadAv: string | null;
    skickadRegistrerad: string | null;
  };
  kontakt?: {
    mottagare: string;
    syfte: string;
    /** The basis as the process recorded it: 'samtycke:<id>', 'hyresvarden-underrattade', … */
    grund: string | null;
    samtyckeId: string | null;
    /** The consent's standing at the moment of the contact (lage in the consent rules). */
    samtyckeLage: string | null;
  };
  samtycke?: { id: string; mottagare: string[]; syften: string[]; form: string; lamnat: string; giltigtTill: string | null };
  incident?: { typ: string; status: 'oppen' | 'lost' | 'borttagen'; meddelande: string | null };
  /** A child-discovery event: when social services learned that children are affected, and how. */
  barn?: { kalla: string; forsta: boolean };
}

export interface Tidslinje {
  arendenummer: string;
  processKey: ProcessKey;
  hyresgast: string | null;
  skyddadIdentitet: boolean;
  mottagen: string;
  status: 'pagaende' | 'avslutat';
  handelser: Handelse[];
}

// ---- Bokvar's own tables, as read here -------------------------------------------------------

interface BrevRad {
  id: string;
  typ: string;
  mottagare: string;
  kanal: string;
  sha256: string;
  mallversion: string;
  fristtyp: string | null;
  frist_senast: Date | null;
  efter_frist: boolean;
  skapad: Date;
  /** When the registry (or a caseworker) marked it sent, who, and when that was registered; null until then. */
  skickad?: Date | null;
  skickad_av?: string | null;
  skickad_registrerad?: Date | null;
}

/** The timeline also shows whose consent it is, who documented a revocation, and why. */
interface SamtyckeRad extends RegistretsSamtyckeRad {
  personnummer: string;
}

interface AterkallelseRad extends RegistretsAterkallelseRad {
  dokumenterat_av: string;
  skal: string | null;
  skapad: Date;
}

/** The engine writes offsets without a colon (+0000); every time here becomes milliseconds first. */
export const ms = (tid: string | Date): number => (tid instanceof Date ? tid.getTime() : Date.parse(tid.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
const iso = (tid: string | Date): string => new Date(ms(tid)).toISOString();

// ---- what the processes mean ------------------------------------------------------------------

const MEDDELANDETYPER = new Set(['messageStartEvent', 'intermediateMessageCatch', 'boundaryMessage', 'receiveTask']);
const TIMERTYPER = new Set(['startTimerEvent', 'intermediateTimer', 'boundaryTimer']);
/** Routing and plumbing, not steps: gateways, multi-instance bodies, unnamed none start events. */
const INTE_STEG = new Set([
  'exclusiveGateway', 'inclusiveGateway', 'parallelGateway', 'eventBasedGateway', 'complexGateway',
  'multiInstanceBody', 'sequenceFlow', 'startEvent', 'userTask',
]);

/** What a message brought, by variable: only facts about the case, never personal details. */
const MEDDELANDEUPPGIFTER: Record<string, string> = {
  kalla: 'Källa',
  orsak: 'Orsak',
  mottagen: 'Mottagen',
  delgivningsdatum: 'Delgivningsdatum',
  malnummer: 'Målnummer',
  avhysningsdatum: 'Avhysningsdatum',
  rattadUnderrattelseMottagen: 'Rättat meddelande mottaget',
  rattelseBrist: 'Brist i det första meddelandet',
  nyttAvhysningsdatum: 'Nytt avhysningsdatum',
  anstandBeslutsdatum: 'Beslutsdatum',
  installdOrsak: 'Orsak',
};

/**
 * What a task recorded that the timeline shows beside it: the future housing
 * plan from "Stödja och motivera inför avhysningen", which an auditor needs to
 * see what the tenant was helped towards.
 */
const UPPGIFTSVARDEN: Record<string, Record<string, string>> = {
  StodjaOchMotivera: { framtidaBostadslosning: 'Framtida lösning av bostadsfrågan' },
};

/**
 * The contacts outside the social services that the models record a basis for
 * (kontakt-och-utredning.bpmn sets the variable when the task starts): with a
 * consent ('samtycke:<id>') or because the landlord reported (kontakt-med-hyresvard.dmn).
 */
const KONTAKTER: Record<string, { variabel: string; mottagare: (v: Map<string, unknown>) => string; syfte: Syfte; rubrik: string }> = {
  KontaktaHyresvarden: { variabel: 'kontaktgrundHyresvard', mottagare: () => 'hyresvard', syfte: 'kontakt-om-boendet', rubrik: 'Kontakt med hyresvärden' },
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

export const UTFALLSTEXT: Record<Fristutfall, string> = {
  uppfylld: 'Uppfylld',
  'ej-uppfylld': 'Inte uppfylld',
  loper: 'Löper',
  ersatt: 'Ersatt av ny beräkning',
  information: 'Information',
  'ingen-atgard': 'Ingen åtgärd knuten till fristen',
};

// ---- the model's legal references per activity ------------------------------------------------

/** Process definitions never change once deployed: their references are read once per definition. */
const modellagrum = new Map<string, Promise<Map<string, LagrumId[]>>>();

/**
 * The legal references of each activity as its model documents them: the "Lagrum:" list in
 * bpmn:documentation, catalogue texts in current models and "[jb-12-44-1]" ids in older
 * versions, both read by frister/lagrumslista.ts and shown as law in force.
 */
export function lagrumIModell(xml: string): Map<string, LagrumId[]> {
  const result = new Map<string, LagrumId[]>();
  const element = /<(?:[\w-]+:)?[\w]+\s[^>]*?\bid="([^"]+)"[^>]*>\s*<(?:[\w-]+:)?documentation[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?documentation>/g;
  for (const [, id, text] of xml.matchAll(element)) {
    const ids = lagrumIText(XML_TEXT.avkoda(text ?? ''));
    if (ids.length > 0) result.set(id!, ids);
  }
  return result;
}

function lagrumFor(engine: Engine, processDefinitionId: string): Promise<Map<string, LagrumId[]>> {
  let p = modellagrum.get(processDefinitionId);
  if (!p) {
    p = engine.repository.processDefinitionXml(processDefinitionId).then((x) => lagrumIModell(x.bpmn20Xml));
    p.catch(() => modellagrum.delete(processDefinitionId));
    modellagrum.set(processDefinitionId, p);
  }
  return p;
}

// ---- reading --------------------------------------------------------------------------------

/** For the history queries that take one instance at a time: every instance's answer, in one list. */
const perInstans = <T>(instanser: string[], fraga: (processInstanceId: string) => Promise<T[]>): Promise<T[]> =>
  Promise.all(instanser.map(fraga)).then((x) => x.flat());

const tolka = (u: HistoricVariableUpdate): unknown => fromVariable(u.variableType, u.value);

/**
 * The case timeline, or undefined when there is no such case or the user may
 * not read it. Engine history and Bokvar's tables are read in parallel; the
 * queries are per case (business key) or per instance, never per event.
 */
export async function byggTidslinje(db: Knex, engine: Engine, a: Anvandare, arendenummer: string, nu = new Date()): Promise<Tidslinje | undefined> {
  const arende = await lasArende(db, engine, a, arendenummer);
  if (!arende) return undefined;
  const { rad, historik, instanser, variabler } = arende;

  const [aktiviteter, uppgifter, operationer, incidenter, uppdateringar, jobbloggar, brev, samtycken] = await Promise.all([
    aktivitetshistorik(engine, instanser),
    engine.history.tasks({ processInstanceBusinessKey: arendenummer }),
    perInstans(instanser, (processInstanceId) => engine.history.userOperations({ processInstanceId })),
    perInstans(instanser, (processInstanceId) => engine.history.incidents({ processInstanceId })),
    engine.history.variableUpdates({ processInstanceIdIn: instanser, sorting: [{ sortBy: 'time', sortOrder: 'asc' }] }),
    perInstans(instanser, (processInstanceId) => engine.history.jobLogs({ processInstanceId })),
    db('brev')
      .where({ arendenummer })
      .orderBy('skapad')
      .select<BrevRad[]>(
        'id', 'typ', 'mottagare', 'kanal', 'sha256', 'mallversion', 'fristtyp', 'frist_senast', 'efter_frist', 'skapad',
        'skickad', 'skickad_av', 'skickad_registrerad',
      ),
    db('samtycken').where({ arendenummer }).select<SamtyckeRad[]>('*'),
  ]);
  const definitioner = [...new Set(historik.map((h) => h.processDefinitionId))];
  const lagrumPerDefinition = new Map(await Promise.all(definitioner.map(async (d) => [d, await lagrumFor(engine, d)] as const)));
  const nyckelFor = new Map(historik.map((h) => [h.id, h.processDefinitionKey]));

  // The consents the contacts rest on may have been given in another case: read them too, with every revocation.
  const grunder = uppdateringar.filter((u) => Object.values(KONTAKTER).some((k) => k.variabel === u.variableName));
  const refererade = grunder.map((u) => String(u.value ?? '')).filter((g) => g.startsWith('samtycke:')).map((g) => g.slice('samtycke:'.length));
  const saknade = [...new Set(refererade)].filter((id) => /^[0-9a-f-]{36}$/.test(id) && !samtycken.some((s) => s.id === id));
  if (saknade.length > 0) samtycken.push(...(await db('samtycken').whereIn('id', saknade).select<SamtyckeRad[]>('*')));
  const personer = [...new Set(samtycken.map((s) => s.personnummer))];
  const aterkallelser =
    samtycken.length === 0
      ? []
      : await db('samtycke_aterkallelser')
          .where((q) => {
            q.where({ arendenummer })
              .orWhereIn('samtycke_id', samtycken.map((s) => s.id))
              .orWhere((r) => r.whereNull('samtycke_id').whereIn('personnummer', personer));
          })
          .select<AterkallelseRad[]>('id', 'samtycke_id', 'mottagare', 'syften', 'aterkallat', 'dokumenterat_av', 'skal', 'skapad');

  const handelser: Handelse[] = [];
  const lagrumFor_ = (h: { processInstanceId: string; activityId: string }, processDefinitionId?: string): string[] => {
    const def = processDefinitionId ?? historik.find((x) => x.id === h.processInstanceId)?.processDefinitionId;
    return (def ? lagrumPerDefinition.get(def)?.get(h.activityId) : undefined)?.map(citera) ?? [];
  };

  // Who did what in the engine: the operation log (authenticated REST calls only).
  const slutfordAv = new Map<string, string>();
  for (const o of operationer) if (o.operationType === 'Complete' && o.taskId && o.userId) slutfordAv.set(o.taskId, o.userId);
  const manuelltKord = new Map<string, string>();
  for (const o of operationer) if (o.operationType === 'Execute' && o.jobId && o.userId) manuelltKord.set(o.jobId, o.userId);

  // --- messages, steps, timers ---
  const startmeddelande = instanser[0];
  for (const h of aktiviteter) {
    const process = nyckelFor.get(h.processInstanceId);
    if (MEDDELANDETYPER.has(h.activityType)) {
      const grannar = aktiviteter.filter((x) => x !== h && x.processInstanceId === h.processInstanceId && MEDDELANDETYPER.has(x.activityType));
      handelser.push(meddelande(h, grannar, uppdateringar, process, lagrumFor_(h, h.processDefinitionId), h.processInstanceId === startmeddelande && h.activityType === 'messageStartEvent' ? rad.registrerad_av ?? null : korrelerare(operationer, h)));
      continue;
    }
    if (INTE_STEG.has(h.activityType) || !h.activityName) continue;
    if (TIMERTYPER.has(h.activityType)) {
      const kord = jobbloggar
        .filter((j) => j.successLog && j.activityId === h.activityId && j.processInstanceId === h.processInstanceId)
        .sort((x, y) => Math.abs(ms(x.timestamp) - ms(h.startTime)) - Math.abs(ms(y.timestamp) - ms(h.startTime)))[0];
      const anvandare = kord ? manuelltKord.get(kord.jobId) : undefined;
      handelser.push({
        typ: 'steg',
        tid: iso(h.startTime),
        slut: h.endTime ? iso(h.endTime) : null,
        aktor: anvandare ?? 'Processmotorn (tiden)',
        rubrik: h.activityName,
        text: `Timern gick${kord?.jobDueDate ? ` (satt till ${tidText(kord.jobDueDate)})` : ''}${anvandare ? `; körd manuellt av ${anvandare}` : ''}.`,
        lagrum: lagrumFor_(h, h.processDefinitionId),
        process,
        aktivitet: h.activityId,
      });
      continue;
    }
    const avslutade = h.activityType === 'boundaryConditional' ? avbrutetAv(aktiviteter, h) : undefined;
    handelser.push({
      typ: 'steg',
      tid: iso(h.startTime),
      slut: h.endTime ? iso(h.endTime) : null,
      aktor: h.activityType === 'serviceTask' ? 'Bokvar (automatiskt steg)' : null,
      rubrik: h.activityName,
      text: avslutade
        ? `Avslutade «${avslutade}».`
        : h.endTime ? (h.canceled ? 'Avbrutet.' : h.activityType.endsWith('EndEvent') ? 'Nått.' : 'Klart.') : 'Pågår.',
      lagrum: lagrumFor_(h, h.processDefinitionId),
      process,
      aktivitet: h.activityId,
    });
  }

  // --- user tasks: who completed them, due and when ---
  const aktivitetFor = new Map(aktiviteter.map((h) => [h.id, h]));
  for (const u of uppgifter) {
    const h = aktivitetFor.get(u.activityInstanceId);
    const av = slutfordAv.get(u.id) ?? (u.deleteReason === 'completed' ? u.assignee : null);
    const klar = u.deleteReason === 'completed';
    const avbrotsorsak = !klar && u.endTime ? avbrot(aktiviteter, u) : undefined;
    const sen = klar && u.due && u.endTime && ms(u.endTime) > ms(u.due);
    handelser.push({
      typ: 'uppgift',
      tid: iso(u.startTime),
      slut: u.endTime ? iso(u.endTime) : null,
      aktor: av,
      rubrik: u.name ?? u.taskDefinitionKey,
      text: [
        klar ? `Slutförd av ${av ?? 'okänd användare'} ${tidText(u.endTime)}` : u.endTime ? `Avbruten ${tidText(u.endTime)}${avbrotsorsak ? ` av «${avbrotsorsak}»` : ' av en händelse i processen'}` : 'Pågår',
        u.due ? `förfallotid ${tidText(u.due)}${klar ? (sen ? ', slutförd EFTER förfallotiden' : ', i tid') : ''}` : null,
        ...(klar ? registrerat(uppdateringar, u) : []),
      ]
        .filter(Boolean)
        .join('; ') + '.',
      lagrum: h ? lagrumFor_(h, h.processDefinitionId) : [],
      process: nyckelFor.get(u.processInstanceId),
      aktivitet: u.taskDefinitionKey,
    });
  }

  // --- deadlines: every computed version, its basis and whether it was met ---
  const frister = fristhandelser(uppdateringar, variabler, uppgifter, jobbloggar, brev, nu);
  handelser.push(...frister);
  const gallande = new Map<string, Handelse['frist']>();
  for (const f of frister) if (f.frist) gallande.set(f.frist.typ, f.frist);

  // --- letters ---
  for (const b of brev) {
    handelser.push({
      typ: 'brev',
      tid: b.skapad.toISOString(),
      aktor: 'Bokvar (brev)',
      rubrik: `${etikett(BREVTYPNAMN, b.typ) ?? b.typ} till ${etikett(MOTTAGARNAMN, b.mottagare) ?? b.mottagare}`,
      text:
        `Skrivet ${tidText(b.skapad)}; kanal: ${etikett(BREVKANALNAMN, b.kanal) ?? b.kanal}; mall ${b.mallversion}; SHA-256 ${b.sha256}. ` +
        (b.skickad
          ? `Skickat ${tidText(b.skickad)}, registrerat av ${b.skickad_av ?? 'okänd'} ${tidText(b.skickad_registrerad ?? b.skickad)}.`
          : 'Inte markerat som skickat.') +
        (b.fristtyp && b.frist_senast
          ? ` Tjänade fristen ${gallande.get(b.fristtyp)?.benamning ?? b.fristtyp} (löpte ut ${tidText(b.frist_senast)}): ${brevIFristen(b)}.` +
            (gallande.get(b.fristtyp) && ms(gallande.get(b.fristtyp)!.senast) !== b.frist_senast.getTime()
              ? ` OBS: brevet bygger på en beräkning av fristen som sedan ersatts (gällande frist löper ut ${tidText(gallande.get(b.fristtyp)!.senast)}).`
              : '')
          : ''),
      lagrum: [],
      brev: {
        id: b.id,
        typ: b.typ,
        mottagare: b.mottagare,
        kanal: b.kanal,
        sha256: b.sha256,
        mallversion: b.mallversion,
        fristtyp: b.fristtyp,
        fristSenast: b.frist_senast?.toISOString() ?? null,
        efterFrist: b.efter_frist,
        skickad: b.skickad?.toISOString() ?? null,
        skickadAv: b.skickad_av ?? null,
        skickadRegistrerad: b.skickad_registrerad?.toISOString() ?? null,
      },
    });
  }

  // --- consents and revocations, as the register holds them ---
  const register: Samtycke[] = samtycken.map(samtyckeFranRad);
  const aterkallat: Aterkallelse[] = aterkallelser.map(aterkallelseFranRad);
  for (const s of samtycken) {
    handelser.push({
      typ: 'samtycke',
      tid: s.skapad.toISOString(),
      aktor: s.dokumenterat_av,
      rubrik: `${s.form === 'skriftligt' ? 'Skriftligt' : 'Muntligt'} samtycke registrerat`,
      text:
        `Lämnat ${tidText(s.lamnat)}${s.giltigt_till ? `, gäller till ${tidText(s.giltigt_till)}` : ', tills vidare'}. ` +
        `Mottagare: ${s.mottagare.map((m) => MOTTAGARE[m]?.etikett ?? m).join('; ')}. Syfte: ${s.syften.map((x) => SYFTEN[x]?.etikett ?? x).join('; ')}.` +
        (s.arendenummer && s.arendenummer !== arendenummer ? ` Registrerat i ärende ${s.arendenummer}.` : ''),
      lagrum: [citera('osl-12-2')],
      samtycke: {
        id: s.id, mottagare: s.mottagare, syften: s.syften, form: s.form, lamnat: s.lamnat.toISOString(), giltigtTill: s.giltigt_till?.toISOString() ?? null,
      },
    });
  }
  for (const r of aterkallelser) {
    handelser.push({
      typ: 'aterkallelse',
      tid: r.skapad.toISOString(),
      aktor: r.dokumenterat_av,
      rubrik: r.mottagare === null && r.syften === null ? 'Samtycke återkallat helt' : 'Samtycke återkallat delvis',
      text:
        `Återkallat ${tidText(r.aterkallat)}${r.samtycke_id ? ` (samtycke ${r.samtycke_id})` : ' (alla tidigare samtycken)'}` +
        `${r.mottagare ? `; mottagare: ${r.mottagare.map((m) => MOTTAGARE[m]?.etikett ?? m).join('; ')}` : ''}` +
        `${r.syften ? `; syfte: ${r.syften.map((x) => SYFTEN[x]?.etikett ?? x).join('; ')}` : ''}.`,
      lagrum: [citera('osl-12-2')],
    });
  }

  // --- contacts outside the social services, with the basis that allowed them then ---
  for (const h of aktiviteter) {
    const k = KONTAKTER[h.activityId];
    if (!k) continue;
    // The model sets the basis as the contact's task starts: read it as it stood while the task ran.
    const fore = fore_(uppdateringar, h.processInstanceId, h.endTime ?? nu.toISOString());
    const grund = fore.get(k.variabel) === undefined ? null : String(fore.get(k.variabel));
    const mottagare = k.mottagare(fore);
    const uppgift = uppgifter.find((u) => u.activityInstanceId === h.id);
    const av = uppgift ? (slutfordAv.get(uppgift.id) ?? uppgift.assignee) : null;
    let text: string;
    let lagrum: string[];
    let samtyckeId: string | null = null;
    let samtyckeLage: string | null = null;
    if (grund?.startsWith('samtycke:')) {
      samtyckeId = grund.slice('samtycke:'.length);
      const s = register.find((x) => x.id === samtyckeId);
      samtyckeLage = s ? lage(s, aterkallat, { mottagare: mottagare as Mottagare, syfte: k.syfte, vid: new Date(ms(h.startTime)) }) : 'saknas-i-registret';
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
    handelser.push({
      typ: 'kontakt',
      tid: iso(h.startTime),
      slut: h.endTime ? iso(h.endTime) : null,
      aktor: av,
      rubrik: `${k.rubrik} (${MOTTAGARE[mottagare as Mottagare]?.etikett ?? mottagare})${h.canceled ? ' – avbruten' : ''}`,
      // A contact task interrupted (e.g. the consent it rested on was revoked) was never carried out.
      text: `${h.canceled ? 'Avbruten innan kontakten genomfördes. ' : ''}${text} Syfte: ${SYFTEN[k.syfte].etikett}.`,
      lagrum,
      process: nyckelFor.get(h.processInstanceId),
      aktivitet: h.activityId,
      kontakt: { mottagare, syfte: k.syfte, grund, samtyckeId, samtyckeLage },
    });
  }

  // --- children: each discovery as dela-barn recorded it (barnUpptackter), the first starts the child's 14 days ---
  handelser.push(...barnhandelser(uppdateringar, aktiviteter));

  // --- incidents: what failed and how it was resolved ---
  for (const i of incidenter) {
    const status = i.resolved ? 'lost' : i.deleted ? 'borttagen' : 'oppen';
    const atgard = i.endTime
      ? operationer.filter(
          (o) =>
            o.processInstanceId === i.processInstanceId &&
            ms(o.timestamp) >= ms(i.createTime) &&
            ms(o.timestamp) <= ms(i.endTime!) + 1000 &&
            (o.externalTaskId === i.configuration || o.jobId === i.configuration || o.entityType === 'Variable'),
        )
      : [];
    const losare = atgard.filter((o) => /Retries/.test(o.operationType)).at(-1)?.userId ?? null;
    const variabelandringar = [...new Set(atgard.filter((o) => o.entityType === 'Variable').map((o) => `${o.userId ?? 'okänd'}`))];
    handelser.push({
      typ: 'incident',
      tid: iso(i.createTime),
      slut: i.endTime ? iso(i.endTime) : null,
      aktor: losare,
      rubrik: `Tekniskt fel i ${aktiviteter.find((h) => h.activityId === i.activityId && h.processInstanceId === i.processInstanceId)?.activityName ?? i.activityId}`,
      text:
        `${i.incidentMessage ?? i.incidentType}. ` +
        (status === 'lost'
          ? `Löst ${tidText(i.endTime)}${losare ? ` av ${losare} (nytt försök)` : ''}${variabelandringar.length ? `; variabler ändrade av ${variabelandringar.join(', ')}` : ''}.`
          : status === 'borttagen'
            ? `Borttagen ${tidText(i.endTime)} (instansen avslutades eller ändrades).`
            : 'Öppen.'),
      lagrum: [],
      process: nyckelFor.get(i.processInstanceId),
      aktivitet: i.activityId,
      incident: { typ: i.incidentType, status, meddelande: i.incidentMessage },
    });
  }

  const ordning = new Map(handelser.map((h, i) => [h, i]));
  // A contact starts with its task, often in the same millisecond: the contact (with its basis) goes first.
  const forst = (h: Handelse) => (h.typ === 'kontakt' ? 0 : 1);
  handelser.sort((x, y) => ms(x.tid) - ms(y.tid) || forst(x) - forst(y) || ordning.get(x)! - ordning.get(y)!);
  const rot = historik.find((h) => h.id === rad.process_instance_id);
  return {
    arendenummer,
    processKey: rad.process_key,
    hyresgast: (variabler.hyresgast as { namn?: string } | undefined)?.namn ?? null,
    skyddadIdentitet: variabler.skyddadIdentitet === true,
    mottagen: rad.mottagen.toISOString(),
    status: rot?.state === 'ACTIVE' ? 'pagaende' : 'avslutat',
    handelser,
  };
}

/** The variables of an instance as they stood at a moment: the last update of each at or before it. */
function fore_(uppdateringar: HistoricVariableUpdate[], processInstanceId: string, tid: string): Map<string, unknown> {
  const result = new Map<string, unknown>();
  const grans = ms(tid);
  for (const u of uppdateringar) {
    if (u.processInstanceId === processInstanceId && ms(u.time) <= grans) result.set(u.variableName, tolka(u));
  }
  return result;
}

/** What interrupted a task: the message or timer event that started as the task ended, in its instance. */
function avbrot(aktiviteter: HistoricActivityInstance[], u: HistoricTask): string | undefined {
  const slut = ms(u.endTime!);
  return aktiviteter.find(
    (h) =>
      h.processInstanceId === u.processInstanceId &&
      (MEDDELANDETYPER.has(h.activityType) || TIMERTYPER.has(h.activityType)) &&
      Math.abs(ms(h.startTime) - slut) <= 100,
  )?.activityName ?? undefined;
}

/** The scope a conditional boundary event ended: the activity cancelled as it fired, in its instance. */
function avbrutetAv(aktiviteter: HistoricActivityInstance[], h: HistoricActivityInstance): string | undefined {
  const tid = ms(h.startTime);
  return aktiviteter.find(
    (a) => a !== h && a.processInstanceId === h.processInstanceId && a.canceled && a.endTime && a.activityName && a.activityType === 'subProcess' && Math.abs(ms(a.endTime) - tid) <= 100,
  )?.activityName ?? undefined;
}

/** The values a completed task recorded that the timeline shows (UPPGIFTSVARDEN), as "label: value". */
function registrerat(uppdateringar: HistoricVariableUpdate[], u: HistoricTask): string[] {
  const falt = UPPGIFTSVARDEN[u.taskDefinitionKey];
  if (!falt || !u.endTime) return [];
  const slut = ms(u.endTime);
  const varden = new Map<string, unknown>();
  for (const d of uppdateringar) {
    if (d.processInstanceId === u.processInstanceId && falt[d.variableName] && Math.abs(ms(d.time) - slut) <= 2000) varden.set(d.variableName, tolka(d));
  }
  return [...varden].filter(([, v]) => typeof v === 'string' && v.trim() !== '').map(([k, v]) => `${falt[k]}: ${String(v).trim()}`);
}

function korrelerare(operationer: UserOperationLogEntry[], h: HistoricActivityInstance): string | null {
  const nara = operationer.filter(
    (o) => o.operationType === 'CorrelateMessage' && o.userId && Math.abs(ms(o.timestamp) - ms(h.startTime)) <= 2000,
  );
  return nara[0]?.userId ?? null;
}

function meddelande(
  h: HistoricActivityInstance,
  grannar: HistoricActivityInstance[],
  uppdateringar: HistoricVariableUpdate[],
  process: string | undefined,
  lagrum: string[],
  aktor: string | null,
): Handelse {
  // An update belongs to this message when it is within 2 s of it and no other message of the instance is nearer
  // (two of Kronofogden's messages may come a second apart).
  const egen = (u: HistoricVariableUpdate) =>
    u.processInstanceId === h.processInstanceId &&
    Math.abs(ms(u.time) - ms(h.startTime)) <= 2000 &&
    grannar.every((g) => Math.abs(ms(u.time) - ms(g.startTime)) > Math.abs(ms(u.time) - ms(h.startTime)));
  // What came with the message: the case facts set in the same moment in that instance.
  const uppgifter = new Map<string, unknown>();
  for (const u of uppdateringar) {
    if (MEDDELANDEUPPGIFTER[u.variableName] && egen(u)) {
      uppgifter.set(u.variableName, tolka(u));
    }
  }
  const rader = [...uppgifter]
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => {
      const text = k === 'kalla' ? etikett(KALLNAMN, String(v)) : k === 'orsak' ? etikett(ORSAKNAMN, String(v)) : undefined;
      return `${MEDDELANDEUPPGIFTER[k]}: ${text ?? (typeof v === 'string' && /T\d{2}:/.test(v) ? tidText(v) : String(v))}`;
    });
  // A later message that moved the eviction day (an anstånd): the day before and after.
  if (h.activityType !== 'messageStartEvent' || h.parentActivityInstanceId !== h.processInstanceId) {
    const andrat = andring(uppdateringar, h, 'avhysningsdatum', egen);
    if (andrat) rader.push(`Avhysningsdatum ändrat: ${andrat.fore} → ${andrat.efter}`);
  }
  return {
    typ: 'meddelande',
    tid: iso(h.startTime),
    aktor,
    rubrik: h.activityName ?? h.activityId,
    text: rader.length > 0 ? `${rader.join('; ')}.` : 'Meddelandet kom in.',
    lagrum,
    process,
    aktivitet: h.activityId,
  };
}

/** A variable the message changed in its instance (after it, and nearer it than any other message): its value before and after, when they differ. */
function andring(
  uppdateringar: HistoricVariableUpdate[],
  h: HistoricActivityInstance,
  namn: string,
  egen: (u: HistoricVariableUpdate) => boolean,
): { fore: string; efter: string } | undefined {
  const start = ms(h.startTime);
  const egna = uppdateringar.filter((u) => u.processInstanceId === h.processInstanceId && u.variableName === namn);
  const ny = egna.find((u) => ms(u.time) >= start && egen(u));
  if (!ny) return undefined;
  const fore = egna.filter((u) => u !== ny && ms(u.time) <= ms(ny.time) && egna.indexOf(u) < egna.indexOf(ny)).at(-1);
  const [a, b] = [fore ? tolka(fore) : undefined, tolka(ny)];
  return a !== undefined && a !== null && String(a) !== String(b) ? { fore: String(a), efter: String(b) } : undefined;
}

/**
 * What the timeline reads of a fristunderlag entry. Every version ever stored counts, so only
 * `senast` must be there; the entry's key is its type (avhysningPaminnelse1, 2 …).
 */
const fristversion = fristpost
  .pick({ slag: true, art: true, benamning: true, sistaDag: true, senast: true, forfaller: true, grund: true, lagrum: true, forlangd: true })
  .partial()
  .required({ senast: true });
type Fristversion = z.infer<typeof fristversion> & { typ: string };

function fristhandelser(
  uppdateringar: HistoricVariableUpdate[],
  variabler: Record<string, unknown>,
  uppgifter: HistoricTask[],
  jobbloggar: HistoricJobLog[],
  brev: BrevRad[],
  nu: Date,
): Handelse[] {
  // Every version of each deadline: a recomputation (e.g. after a corrected notice) is a new version.
  const versioner: { post: Fristversion; tid: string }[] = [];
  // Called instances carry copies of the variable (dela-frister hands them on, keys in
  // another order): an entry seen before, in any instance, is not a new version.
  const sedda = new Set<string>();
  const underlag = uppdateringar.filter((u) => u.variableName === 'fristunderlag');
  const kallor = underlag.length > 0 ? underlag.map((u) => ({ tid: u.time, varde: tolka(u) })) : [{ tid: new Date(0).toISOString(), varde: variabler.fristunderlag }];
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
  return versioner.map(({ post, tid }, index) => {
    const version = versioner.slice(0, index + 1).filter((v) => v.post.typ === post.typ).length;
    const ersattAv = versioner.slice(index + 1).find((v) => v.post.typ === post.typ);
    const { utfall, forklaring } = ersattAv
      ? { utfall: 'ersatt' as const, forklaring: `Ersatt av ny beräkning ${tidText(ersattAv.tid)}.` }
      : bedomFrist(post, uppgifter, jobbloggar, brev, nu);
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
      },
    } satisfies Handelse;
  });
}

/** A letter against the deadline it served, counted on when it was sent (written is not sent). */
function brevIFristen(b: BrevRad): string {
  if (b.skickad) return b.frist_senast && b.skickad.getTime() >= b.frist_senast.getTime() ? 'skickat EFTER fristen' : 'skickat i tid';
  return b.efter_frist ? 'skrivet EFTER fristen, inte markerat som skickat' : 'skrivet i tid, inte markerat som skickat';
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
  const senast = ms(post.senast);
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
  const styrda = post.forfaller ? uppgifter.filter((u) => u.due && ms(u.due) === ms(post.forfaller!)) : [];
  const klara = styrda.filter((u) => u.deleteReason === 'completed' && u.endTime);
  if (klara.length > 0) {
    const sena = klara.filter((u) => ms(u.endTime!) >= senast);
    return sena.length === 0
      ? { utfall: 'uppfylld', forklaring: `${klara.map((u) => u.name).join(', ')} slutförd i tid (${tidText(klara.at(-1)!.endTime)}).` }
      : { utfall: 'ej-uppfylld', forklaring: `${sena.map((u) => u.name).join(', ')} slutförd efter fristen (${tidText(sena[0]!.endTime)}).` };
  }
  const timer = jobbloggar.filter((j) => j.jobDueDate && ms(j.jobDueDate) === senast && j.jobDefinitionType?.startsWith('timer'));
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
  if (timer.some((j) => j.deletionLog)) return { utfall: 'uppfylld', forklaring: 'Steget var klart innan tiden kom; timern behövdes inte.' };
  if (post.art === 'information') return { utfall: 'information', forklaring: 'Visas för handläggaren; ingen åtgärd av socialtjänsten.' };
  if (senast > nu.getTime()) return { utfall: 'loper', forklaring: '' };
  return { utfall: 'ingen-atgard', forklaring: 'Ingen uppgift, inget brev och ingen timer i ärendet är knuten till fristen.' };
}

/** The timeline as CSV columns (ui/revision/csv.ts). */
export const TIDSLINJE_KOLUMNER = [
  { rubrik: 'Tid', varde: (h: Handelse) => tidText(h.tid) },
  { rubrik: 'Slut', varde: (h: Handelse) => (h.slut === undefined ? '' : h.slut === null ? 'pågår' : tidText(h.slut)) },
  { rubrik: 'Händelse', varde: (h: Handelse) => HANDELSETYPER[h.typ] },
  { rubrik: 'Rubrik', varde: (h: Handelse) => h.rubrik },
  { rubrik: 'Vem', varde: (h: Handelse) => h.aktor ?? '' },
  { rubrik: 'Beskrivning', varde: (h: Handelse) => h.text },
  { rubrik: 'Lagrum', varde: (h: Handelse) => h.lagrum.join('; ') },
  { rubrik: 'Frist uppfylld', varde: (h: Handelse) => (h.frist ? UTFALLSTEXT[h.frist.utfall] : '') },
  { rubrik: 'Brevets SHA-256', varde: (h: Handelse) => h.brev?.sha256 ?? '' },
  { rubrik: 'Brevet skickat', varde: (h: Handelse) => (h.brev?.skickad ? `${tidText(h.brev.skickad)} (${h.brev.skickadAv ?? ''})` : '') },
  { rubrik: 'Process', varde: (h: Handelse) => h.process ?? '' },
  { rubrik: 'Aktivitet', varde: (h: Handelse) => h.aktivitet ?? '' },
];

export const HANDELSETYPER: Record<Handelsetyp, string> = {
  meddelande: 'Meddelande',
  steg: 'Steg',
  uppgift: 'Uppgift',
  frist: 'Frist',
  brev: 'Brev',
  kontakt: 'Kontakt',
  samtycke: 'Samtycke',
  aterkallelse: 'Återkallelse',
  incident: 'Incident',
  barn: 'Barn berörs',
};

/**
 * Each child-discovery event of the case: every instance's barnUpptackter
 * (dela-barn hands the list on, so copies repeat), one per source, the
 * earliest. The step is the one that first set the source's variable to true
 * in the process that recorded the discovery.
 */
function barnhandelser(uppdateringar: HistoricVariableUpdate[], aktiviteter: HistoricActivityInstance[]): Handelse[] {
  const perKalla = new Map<string, { tid: string; kalla: string; process: string | undefined }>();
  for (const u of uppdateringar) {
    if (u.variableName !== 'barnUpptackter') continue;
    const lista = tolka(u);
    if (!Array.isArray(lista)) continue;
    for (const x of lista as { tid?: unknown; kalla?: unknown; process?: unknown }[]) {
      if (typeof x?.tid !== 'string' || typeof x.kalla !== 'string' || Number.isNaN(Date.parse(x.tid))) continue;
      const fore = perKalla.get(x.kalla);
      if (!fore || ms(x.tid) < ms(fore.tid)) perKalla.set(x.kalla, { tid: x.tid, kalla: x.kalla, process: typeof x.process === 'string' ? x.process : undefined });
    }
  }
  const ordnade = [...perKalla.values()].sort((a, b) => ms(a.tid) - ms(b.tid));
  const aktivitetFor = new Map(aktiviteter.map((h) => [h.id, h]));
  return ordnade.map((x, i) => {
    const kalla = arBarnkalla(x.kalla) ? { text: BARNKALLANAMN[x.kalla], variabel: BARNKALLOR[x.kalla] } : undefined;
    const satt = kalla
      ? uppdateringar.find((u) => u.variableName === kalla.variabel && tolka(u) === true && (!x.process || aktivitetFor.get(u.activityInstanceId ?? '')?.processDefinitionId.startsWith(`${x.process}:`)))
      : undefined;
    const steg = satt?.activityInstanceId ? aktivitetFor.get(satt.activityInstanceId) : undefined;
    return {
      typ: 'barn' as const,
      tid: iso(x.tid),
      aktor: null,
      rubrik: 'Barn berörs: socialtjänsten fick kännedom om barn',
      text:
        `Källa: ${kalla?.text ?? x.kalla}${steg?.activityName ? ` (${steg.activityName})` : ''}.` +
        (i === 0 ? ' Den första kännedomen: barnets förhandsbedömning (14 dagar) räknas härifrån.' : ''),
      lagrum: [citera('sol-2025-400-20-2'), citera('sol-2001-453-5-1')],
      ...(x.process ? { process: x.process } : {}),
      ...(steg ? { aktivitet: steg.activityId } : {}),
      barn: { kalla: x.kalla, forsta: i === 0 },
    };
  });
}
