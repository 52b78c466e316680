import { atagandeBetalningsansvar } from './atagande-betalningsansvar.ts';
import { bekraftelseKronofogden } from './bekraftelse-kronofogden.ts';
import { erbjudandeUppfoljning } from './erbjudande-uppfoljning.ts';
import { hembesok } from './hembesok.ts';
import { informationsbrev } from './informationsbrev.ts';
import type { Brevtyp } from '../../../domain/brevtyper.ts';
import type { Arendedata, Brevmall } from './typer.ts';

export { atagandeBetalningsansvar, bekraftelseKronofogden, erbjudandeUppfoljning, hembesok, informationsbrev };
export * from './typer.ts';

/** Every letter template, by letter type. */
export const MALLAR: Record<Brevtyp, Brevmall<Arendedata>> = {
  informationsbrev,
  hembesok,
  'bekraftelse-kronofogden': bekraftelseKronofogden,
  'atagande-betalningsansvar': atagandeBetalningsansvar,
  'erbjudande-uppfoljning': erbjudandeUppfoljning,
};
