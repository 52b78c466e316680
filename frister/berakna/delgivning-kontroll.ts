/** Ta reda på delgivningsdatum, och kontroll av uppgifterna om hyresgästen vid hot om avhysning. */
import { type Installningar, hamtaInstallningar } from '../installningar.ts';
import type { LagrumId } from '../lagrum.ts';
import type { DagEllerTidpunkt } from '../tid.ts';
import type { Frist } from '../typer.ts';
import { vardagarEfterUppgiftensStart } from './gemensamt.ts';

export type DelgivningKontrollIndata = {
  /** When the task "Ta reda på delgivningsdatum" starts: now, in the worker. */
  start: DagEllerTidpunkt;
};

/**
 * Unpaid rent without a service date: the återvinningsfrist cannot start until someone
 * finds out when the tenant was served (12 kap. 44 § JB; the period runs from the later
 * of service and social services' receipt). The task is due at the end of the set working
 * day after it started (`delgivningKontroll.inom`); the escalation to samordnare fires
 * 00:00 on the set working day (`delgivningKontroll.eskalering`) if it is still open.
 */
export function delgivningKontroll(
  indata: DelgivningKontrollIndata,
  inst: Installningar = hamtaInstallningar(),
): { uppgift: Frist; eskalering: Frist } {
  const lagrum: LagrumId[] = ['jb-12-44-1', 'jb-12-25a', 'delgivningslagen'];
  return {
    uppgift: vardagarEfterUppgiftensStart(indata.start, inst.delgivningKontroll.inom, inst, {
      typ: 'delgivningKontroll',
      benamning: 'Ta reda på delgivningsdatum',
      installning: 'delgivningKontroll.inom',
      skapad: 'Uppgiften att ta reda på delgivningsdatum skapades (uppsägning för obetald hyra utan delgivningsdatum)',
      lagrum,
      slutsats: () => 'delgivningsdatumet ska vara registrerat den dagen, så att återvinningsfristen kan räknas',
    }),
    eskalering: vardagarEfterUppgiftensStart(indata.start, inst.delgivningKontroll.eskalering, inst, {
      typ: 'delgivningKontrollEskalering',
      benamning: 'Eskalering: delgivningsdatum saknas fortfarande',
      installning: 'delgivningKontroll.eskalering',
      skapad: 'Uppgiften att ta reda på delgivningsdatum skapades',
      lagrum,
      slutsats: () => 'är uppgiften fortfarande öppen eskaleras den till samordnare',
    }),
  };
}

export type UppgiftskontrollIndata = {
  /** When the task "Kontrollera uppgifterna om hyresgästen" starts: now, in the worker. */
  start: DagEllerTidpunkt;
};

/**
 * Hot om avhysning: the tenant was not found in the folkbokföring register and the details
 * must be checked with the reporter (`uppgiftskontroll.hotOmAvhysning` working days). The
 * återvinning path does not wait for it; the rest of the investigation does.
 */
export function uppgiftskontrollHotOmAvhysning(indata: UppgiftskontrollIndata, inst: Installningar = hamtaInstallningar()): Frist {
  return vardagarEfterUppgiftensStart(indata.start, inst.uppgiftskontroll.hotOmAvhysning, inst, {
    typ: 'uppgiftskontrollHotOmAvhysning',
    benamning: 'Kontrollera uppgifterna om hyresgästen',
    installning: 'uppgiftskontroll.hotOmAvhysning',
    skapad: 'Uppgiften att kontrollera uppgifterna om hyresgästen skapades (hyresgästen saknades i folkbokföringen)',
    lagrum: ['osl-26-1'],
    slutsats: () => 'uppgifterna ska vara kontrollerade den dagen',
  });
}
