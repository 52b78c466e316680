/** Fastställ hushållet: förfallodatum när folkbokföringen inte visar hushållet. */
import { type Installningar, hamtaInstallningar } from '../installningar.ts';
import type { DagEllerTidpunkt } from '../tid.ts';
import type { Frist } from '../typer.ts';
import { vardagarEfterUppgiftensStart } from './gemensamt.ts';

export type HushallKontrollIndata = {
  /** När uppgiften att fastställa hushållet skapades. */
  start: DagEllerTidpunkt;
};

/**
 * Fastställ hushållet: folkbokföringen kunde inte skilja ut hushållet (ingen lägenhet i
 * underrättelsen, flera lägenheter på adressen), så det syns inte om barn bor där. Uppgiften
 * förfaller vid slutet av den inställda tiden i vardagar (standard 2) efter dagen då den skapades;
 * startdagen räknas inte, lördagar, söndagar, helgdagar och midsommar-, jul- och nyårsafton inte heller.
 */
export function hushallKontroll(indata: HushallKontrollIndata, inst: Installningar = hamtaInstallningar()): Frist {
  return vardagarEfterUppgiftensStart(indata.start, inst.hushallKontroll.inom, inst, {
    typ: 'hushallKontroll',
    benamning: 'Fastställ hushållet',
    installning: 'hushallKontroll.inom',
    skapad: 'Uppgiften att fastställa hushållet skapades',
    lagrum: ['sol-2025-400-18-1', 'sol-2025-400-14-2'],
    slutsats: () => 'hushållet ska vara fastställt den dagen',
  });
}
