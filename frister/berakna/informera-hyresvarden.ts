/** Informera hyresvärden: förfallodatum när hyresgästen har samtyckt. */
import { type Installningar, hamtaInstallningar } from '../installningar.ts';
import type { DagEllerTidpunkt } from '../tid.ts';
import type { Frist } from '../typer.ts';
import { vardagarEfterUppgiftensStart } from './gemensamt.ts';

export type InformeraHyresvardenIndata = {
  /** När uppgiften att informera hyresvärden skapades (samtycket finns). */
  start: DagEllerTidpunkt;
};

/**
 * Informera hyresvärden: när hyresgästen har samtyckt ska hyresvärden få information om planerade
 * eller möjliga insatser (handboken steg 7 och 8). Uppgiften förfaller vid slutet av den inställda
 * tiden i vardagar (standard 2) efter dagen då den skapades; startdagen räknas inte, lördagar,
 * söndagar, helgdagar och midsommar-, jul- och nyårsafton inte heller.
 */
export function informeraHyresvarden(indata: InformeraHyresvardenIndata, inst: Installningar = hamtaInstallningar()): Frist {
  return vardagarEfterUppgiftensStart(indata.start, inst.informeraHyresvarden.inom, inst, {
    typ: 'informeraHyresvarden',
    benamning: 'Informera hyresvärden',
    installning: 'informeraHyresvarden.inom',
    skapad: 'Uppgiften att informera hyresvärden skapades (samtycke finns)',
    lagrum: ['osl-12-2', 'osl-26-1'],
    slutsats: () => 'hyresvärden ska ha fått informationen den dagen',
  });
}
