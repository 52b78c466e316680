import { z } from 'zod';
import { adressSchema, hyresgastSchema, type Adress, type Hyresgast } from '../../domain/arendevariabler.ts';
import { alder } from '../../domain/personnummer.ts';
import { ADRESS_SKYDDAD, lasSkyddadAdress } from '../../domain/skyddad-adress.ts';
import { idag } from '../../domain/svensk-tid.ts';
import type { WorkerDependencies } from '../dependencies.ts';
import { InvalidInputError } from '../errors.ts';
import { defineTopic, type TopicContext, type TopicOutcome } from '../topic.ts';
import { PostgresFolkbokforingsregister } from './postgres-register.ts';
import { harSkyddadIdentitet, type FolkbokfordPerson, type Folkbokforingsregister } from './register.ts';
import { flyttaSkyddadAdress } from './skyddad-adress.ts';

export const PERSON_SAKNAS = 'person-saknas-i-folkbokforingen';

/** How letters reach the tenant: by post to an address, or through Skatteverket's särskild postförmedling. */
export type Postkanal = 'adress' | 'sarskild-postformedling';

/**
 * A child registered at the address. Only the age: the process needs to know
 * that children are affected and how old they are; names and personnummer would
 * sit in the engine's history for years without a step that uses them.
 */
export interface Barn {
  alder: number;
}

export const folkbokforingInput = z.object({
  hyresgast: hyresgastSchema,
  /**
   * The address of the tenancy, from the notice. Absent when the tenant's identity is
   * protected and Bokvar keeps the address in its own table (`adressSkyddad`).
   */
  adress: adressSchema.nullish(),
  /** The day ages are counted on (ÅÅÅÅ-MM-DD); today in Sweden when absent. */
  referensdatum: z.iso.date().optional(),
  /** Who sent the notice: 'kronofogden' for Kronofogden's, otherwise a notice of threat of eviction. */
  kalla: z.string().nullish(),
});

/**
 * folkbokforing (checklists, step 2): is the tenant registered at the address of
 * the tenancy, and who else is — adults, and children with their ages?
 *
 * Output variables (all set on every completion unless stated):
 *  - folkbokfordPaAdressen (Boolean): the tenant is registered at the address (and flat, when known);
 *  - antalVuxna (Integer): adults (18+) registered there besides the tenant;
 *  - barn (Json): children (under 18) registered there, [{ alder }], oldest first;
 *  - barnBerorda (Boolean): barn is not empty;
 *  - skyddadIdentitet (Boolean): the tenant has sekretessmarkering or skyddad folkbokföring;
 *  - skyddadIdentitetIHushallet (Boolean): someone else registered there has either;
 *  - postkanal (String): 'adress' or 'sarskild-postformedling' (always the latter when skyddadIdentitet);
 *  - avregistrerad (Boolean): the tenant is deregistered (deceased, emigrated …);
 *  - hushallOklart (Boolean): the notice names no flat, the tenant is not registered at
 *    the street address, and several flats are registered there: the household cannot
 *    be told apart, so antalVuxna and barn are 0 and empty and a caseworker must check;
 *  - folkbokforingsadress (Json, only when not protected and the register has one):
 *    { coAdress?, gatuadress, postnummer, ort, lagenhetsnummer? };
 *  - adressSkyddad (Boolean, only when true): Bokvar keeps the tenancy's address in
 *    `skyddade_adresser`, and no instance of the case holds `adress` any more.
 * Protected identity: without `adress` the worker reads the address from
 * Bokvar's table (the intake put it there). With `adress` and a protected tenant it
 * moves the address there and removes it from every instance of the case, runtime
 * and history, before it completes (skyddad-adress.ts).
 * Business outcome: the register has no such person → BPMN error `person-saknas-i-folkbokforingen`.
 */
export function folkbokforingTopic(deps: WorkerDependencies) {
  const register = new PostgresFolkbokforingsregister(deps.db);
  return defineTopic({
    topic: 'folkbokforing',
    lockDurationMs: 30_000,
    input: folkbokforingInput,
    async handle(input, context: TopicContext) {
      const iMotorn = input.adress ?? undefined;
      const adress = iMotorn ?? (await adressenIBokvar(deps, context));
      const utfall = await kontrolleraFolkbokforing(register, { ...input, adress, adressSkyddad: iMotorn === undefined });
      if (utfall.kind === 'complete' && utfall.variables.skyddadIdentitet === true && iMotorn) {
        if (!context.businessKey) throw new InvalidInputError('affärsnyckel (ärendenummer) saknas: adressen kan inte flyttas ur motorn');
        await flyttaSkyddadAdress(deps, {
          arendenummer: context.businessKey,
          adress: iMotorn,
          kalla: input.kalla === 'kronofogden' ? 'kronofogden' : 'underrattelse',
          log: context.log,
        });
        utfall.variables[ADRESS_SKYDDAD] = true;
      }
      return utfall;
    },
  });
}

async function adressenIBokvar(deps: WorkerDependencies, context: TopicContext): Promise<Adress> {
  const rad = context.businessKey ? await lasSkyddadAdress(deps.db, context.businessKey) : undefined;
  if (!rad) throw new InvalidInputError('adress saknas: varken variabeln adress eller en skyddad adress för ärendet finns');
  return rad.adress;
}

/**
 * `adressSkyddad`: Bokvar already keeps the address out of the engine. The case then
 * stays protected whatever the register says now: its letters have gone through
 * Skatteverket and the engine has no address to write on the next one.
 */
export async function kontrolleraFolkbokforing(
  register: Folkbokforingsregister,
  input: { hyresgast: Hyresgast; adress: Adress; referensdatum?: string | undefined; adressSkyddad?: boolean },
): Promise<TopicOutcome> {
  const pnr = input.hyresgast.personnummer;
  const hyresgast = await register.sokPerson(pnr);
  if (!hyresgast) {
    return { kind: 'bpmnError', errorCode: PERSON_SAKNAS, message: 'Hyresgästen finns inte i folkbokföringen' };
  }
  const pa = input.referensdatum ?? idag();
  const { boende, oklart } = hushallet(await register.personerPaAdress(input.adress), hyresgast, input.adress);
  const ovriga = boende.filter((p) => p.personnummer !== pnr);
  const barn: Barn[] = ovriga
    .map((p) => alder(p.personnummer, pa))
    .filter((a) => a >= 0 && a < 18)
    .sort((a, b) => b - a)
    .map((a) => ({ alder: a }));
  const skyddad = harSkyddadIdentitet(hyresgast) || input.adressSkyddad === true;

  const variables: Record<string, unknown> = {
    folkbokfordPaAdressen: boende.some((p) => p.personnummer === pnr),
    antalVuxna: ovriga.filter((p) => alder(p.personnummer, pa) >= 18).length,
    barn,
    barnBerorda: barn.length > 0,
    skyddadIdentitet: skyddad,
    skyddadIdentitetIHushallet: ovriga.some(harSkyddadIdentitet),
    postkanal: (skyddad ? 'sarskild-postformedling' : 'adress') satisfies Postkanal,
    avregistrerad: hyresgast.avregistrering !== undefined,
    hushallOklart: oklart,
  };
  // A protected person's address never leaves the register tables: not in a variable, a letter or a log.
  if (!skyddad && hyresgast.folkbokforingsadress) variables.folkbokforingsadress = hyresgast.folkbokforingsadress;
  if (input.adressSkyddad === true) variables[ADRESS_SKYDDAD] = true;
  return { kind: 'complete', variables };
}

/**
 * The household: those registered in the tenant's flat. Without a flat number in
 * the notice, the tenant's own registered flat at that street address decides; if
 * the tenant is not registered there and the street address has several flats,
 * the household is unclear and left empty.
 */
function hushallet(
  paGatuadressen: FolkbokfordPerson[],
  hyresgast: FolkbokfordPerson,
  adress: Adress,
): { boende: FolkbokfordPerson[]; oklart: boolean } {
  if (adress.lagenhetsnummer) return { boende: paGatuadressen, oklart: false };
  const lagenhet = (p: FolkbokfordPerson) => p.folkbokforingsadress?.lagenhetsnummer;
  const egen = paGatuadressen.find((p) => p.personnummer === hyresgast.personnummer);
  if (egen) {
    const lgh = lagenhet(egen);
    return { boende: lgh ? paGatuadressen.filter((p) => !lagenhet(p) || lagenhet(p) === lgh) : paGatuadressen, oklart: false };
  }
  const lagenheter = new Set(paGatuadressen.map(lagenhet).filter(Boolean));
  return lagenheter.size > 1 ? { boende: [], oklart: true } : { boende: paGatuadressen, oklart: false };
}
