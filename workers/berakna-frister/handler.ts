import { z } from 'zod';
import {
  atagandeBeslut,
  atagandeSkickat,
  aktualisering,
  atervinningsfrist,
  avhysning,
  bekraftelseKronofogden,
  delgivningKontroll,
  forhandsbedomningBarn,
  forhandsbedomningVuxen,
  FristError,
  fristgrupper,
  hamtaInstallningar,
  hushallKontroll,
  informeraHyresvarden,
  svarUppfoljning,
  tidigastAvhysningsbeslut,
  uppfoljning,
  uppgiftskontrollHotOmAvhysning,
  uppgiftskontrollKronofogden,
  type Barnkalla,
  type Frist,
  type FristGrupp,
  type Installningar,
} from '../../frister/index.ts';
import { InvalidInputError } from '../errors.ts';
import { defineTopic } from '../topic.ts';

const isoDateTimeWithOffset = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

/**
 * berakna-frister: the models' only source of deadlines. The task names which
 * deadlines it needs; the worker computes them with the deadline calendar
 * (frister/) and returns, for each, `<typ>Senast` (when its timer fires) and
 * `<typ>Forfaller` (the due date of the task it governs), plus `fristunderlag`:
 * every deadline with what started it and its legal basis, for the viewer and
 * for auditors. Each entry records the settings version (installningsversion) it
 * was computed with: the settings may change while the workers run
 * (frister/bevakning.ts), and one task uses one version throughout.
 */
const beraknaFrister = defineTopic({
  topic: 'berakna-frister',
  lockDurationMs: 20_000,
  input: z.object({
    beraknaFrister: fristgrupper,
    /** When the notice was received; every group but svarUppfoljning counts from it. */
    mottagen: isoDateTimeWithOffset.nullish(),
    /** The notice's ground: only unpaid rent gives an återvinningsfrist (12 kap. 44 § JB). */
    orsak: z.string().max(50).nullish(),
    // Absent and null are the same here: intake sets optional facts to null.
    delgivningsdatum: isoDate.nullish(),
    /**
     * A corrected notice from the landlord (NJA 1985 s. 586): the återvinningsfrist
     * runs from its reception instead; the first, defective notice stays in the grounds.
     */
    rattadUnderrattelseMottagen: isoDateTimeWithOffset.nullish(),
    rattelseBrist: z.string().max(500).nullish(),
    avhysningsdatum: z.union([isoDate, isoDateTimeWithOffset]).nullish(),
    /** When the case (or its investigation) ended; follow-up counts from it. Default: now. */
    avslutad: z.union([isoDate, isoDateTimeWithOffset]).nullish(),
    fristunderlag: z.record(z.string(), z.unknown()).nullish(),
    /**
     * When and how social services learned of children (dela-barn); the child's
     * förhandsbedömning counts from the first. Absent: from the notice's reception.
     */
    barnUpptackter: z
      .array(z.looseObject({ tid: isoDateTimeWithOffset, kalla: z.enum(['anmalan', 'folkbokforing', 'hyresvard', 'handlaggare']) }))
      .nullish(),
  }),
  async handle(input) {
    const frister: Frist[] = [];
    const inst = hamtaInstallningar();
    try {
      for (const grupp of input.beraknaFrister) frister.push(...compute(grupp, input, inst));
    } catch (error) {
      if (error instanceof FristError) throw new InvalidInputError(error.message);
      throw error;
    }
    const variables: Record<string, unknown> = {};
    const underlag: Record<string, unknown> = { ...input.fristunderlag };
    for (const [typ, frist] of keyed(frister)) {
      variables[`${typ}Senast`] = frist.senast;
      variables[`${typ}Forfaller`] = frist.forfaller;
      underlag[typ] = { ...frist, installningsversion: inst.version } satisfies Frist;
    }
    variables.fristunderlag = underlag;
    return { kind: 'complete', variables };
  },
});

/** berakna-frister reads nothing but its input: the same worker serves every caller. */
export function beraknaFristerTopic() {
  return beraknaFrister;
}

function compute(
  grupp: FristGrupp,
  input: {
    mottagen?: string | null;
    orsak?: string | null;
    delgivningsdatum?: string | null;
    rattadUnderrattelseMottagen?: string | null;
    rattelseBrist?: string | null;
    avhysningsdatum?: string | null;
    avslutad?: string | null;
    barnUpptackter?: { tid: string; kalla: Barnkalla }[] | null;
  },
  inst: Installningar,
): Frist[] {
  const mottagen = (): string => {
    if (!input.mottagen) throw new InvalidInputError(`mottagen: krävs för ${grupp}`);
    return input.mottagen;
  };
  switch (grupp) {
    case 'bekraftelseKronofogden': {
      const { bekraftelse, eskalering } = bekraftelseKronofogden({ mottagen: mottagen() }, inst);
      return [bekraftelse, eskalering];
    }
    case 'forhandsbedomningVuxen': {
      const { paminnelse, eskalering } = forhandsbedomningVuxen({ mottagen: mottagen() }, inst);
      // Aktualisering is due before a known eviction day (Kronofogden); an anstånd recomputes it.
      return [paminnelse, eskalering, aktualisering({ mottagen: mottagen(), avhysningsdag: input.avhysningsdatum ?? null }, inst)];
    }
    case 'forhandsbedomningBarn': {
      // The first discovery wins: from then on social services knew of the child.
      const forsta = [...(input.barnUpptackter ?? [])].sort((a, b) => Date.parse(a.tid) - Date.parse(b.tid))[0];
      return [
        forsta ? forhandsbedomningBarn({ mottagen: forsta.tid, kalla: forsta.kalla }) : forhandsbedomningBarn({ mottagen: mottagen() }),
      ];
    }
    case 'atervinningsfrist': {
      // Only a termination for unpaid rent (12 kap. 44 § JB), served on the tenant, starts the
      // period. Another ground never gets one, whatever dates the notice carries; unpaid rent
      // without a service date gets none yet (the model asks for the date: delgivningKontroll).
      if (!input.orsak) throw new InvalidInputError('orsak: krävs för atervinningsfrist (bara obetald-hyra ger en återvinningsfrist)');
      if (input.orsak !== 'obetald-hyra' || !input.delgivningsdatum) return [];
      const frist = atervinningsfrist({
        delgivningsdatum: input.delgivningsdatum,
        mottagenSocialnamnden: input.rattadUnderrattelseMottagen ?? mottagen(),
        ...(input.rattadUnderrattelseMottagen
          ? { ersatter: { mottagen: mottagen(), ...(input.rattelseBrist ? { brist: input.rattelseBrist } : {}) } }
          : {}),
      });
      return [frist, tidigastAvhysningsbeslut(frist), atagandeBeslut(frist, inst)];
    }
    case 'avhysning': {
      if (!input.avhysningsdatum) throw new InvalidInputError('avhysningsdatum: krävs för avhysningsdagens frister');
      const { narvaro, dag, paminnelser } = avhysning({ avhysningsdag: input.avhysningsdatum }, inst);
      return [narvaro, dag, ...paminnelser];
    }
    case 'uppfoljning':
      return [uppfoljning({ avslutad: input.avslutad ?? new Date() }, inst)];
    case 'svarUppfoljning':
      // Runs just before the task that waits: "now" is the day the task starts.
      return [svarUppfoljning({ start: new Date() }, inst)];
    case 'hushallKontroll':
      // Runs just before the task: "now" is the day the task starts.
      return [hushallKontroll({ start: new Date() }, inst)];
    case 'atagandeSkickat':
      // Runs right after the åtagande is written: "now" is when it was written.
      return [atagandeSkickat({ skrivet: new Date() })];
    case 'informeraHyresvarden':
      // Runs just before the task, once the consent is there: "now" is the day the task starts.
      return [informeraHyresvarden({ start: new Date() }, inst)];
    case 'delgivningKontroll': {
      // Runs just before the task: "now" is the day the task starts.
      const { uppgift, eskalering } = delgivningKontroll({ start: new Date() }, inst);
      return [uppgift, eskalering];
    }
    case 'uppgiftskontrollHotOmAvhysning':
      return [uppgiftskontrollHotOmAvhysning({ start: new Date() }, inst)];
    case 'uppgiftskontrollKronofogden':
      return [uppgiftskontrollKronofogden({ mottagen: mottagen() })];
  }
}

/** Reminders share a type; they are numbered in date order (avhysningPaminnelse1, 2 …). */
function keyed(frister: Frist[]): [string, Frist][] {
  const seen = new Map<string, number>();
  const repeated = new Set(frister.map((f) => f.typ).filter((t, i, all) => all.indexOf(t) !== i));
  return frister.map((frist) => {
    if (!repeated.has(frist.typ)) return [frist.typ, frist];
    const n = (seen.get(frist.typ) ?? 0) + 1;
    seen.set(frist.typ, n);
    return [`${frist.typ}${n}`, frist];
  });
}
