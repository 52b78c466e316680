/** Uppföljning av svar: uppföljningsdatum för en uppgift som väntar på någon annan. */
import { type Installningar, hamtaInstallningar } from '../installningar.ts';
import { type DagEllerTidpunkt, startAvDagen } from '../tid.ts';
import type { Frist } from '../typer.ts';
import { vardagarEfterUppgiftensStart } from './gemensamt.ts';

export type SvarUppfoljningIndata = {
  /** När uppgiften som väntar på någon annans svar skapades. */
  start: DagEllerTidpunkt;
};

/**
 * Uppföljning av svar: den inställda tiden i vardagar (standard 3) efter den dag då en uppgift
 * som väntar på någon annan skapades – hyresvärdens svar, hyresgästens samtycke. Blir uppgiftens
 * uppföljningsdatum (camunda:followUpDate): 00:00 den dagen, svensk tid. Startdagen räknas inte;
 * lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte.
 */
export function svarUppfoljning(indata: SvarUppfoljningIndata, inst: Installningar = hamtaInstallningar()): Frist {
  return vardagarEfterUppgiftensStart(indata.start, inst.svarUppfoljning.efter, inst, {
    typ: 'svarUppfoljning',
    benamning: 'Uppföljning av svar',
    installning: 'svarUppfoljning.efter',
    skapad: 'Uppgiften som väntar på svar skapades',
    lagrum: ['sol-2025-400-14-2'],
    slutsats: (dag) => `uppgiften följs upp från ${startAvDagen(dag)}`,
  });
}
