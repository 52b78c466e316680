/** Gemensamt för fristtesterna: inställningar från fixturer (inte från den levererade filen). */
import { fileURLToPath } from 'node:url';
import { type Installningar, lasInstallningar, tolkaInstallningar } from '../../../frister/index.ts';

export function fixtur(namn: string): string {
  return fileURLToPath(new URL(`./fixtures/${namn}`, import.meta.url));
}

/** Issue #3:s standardvärden: 2/4 veckor, 14:00 / 1 timme, [3, 1] vardagar, 4 veckor. */
export const standard: Installningar = lasInstallningar(fixtur('installningar-standard.json'));

/** En annan kommuns rutiner: dagar och månader, 12:30 / 30 minuter, [1, 5, 2] vardagar, 3 månader. */
export const ovanliga: Installningar = lasInstallningar(fixtur('installningar-ovanliga.json'));

/** Standardinställningarna med några delar utbytta (validerade som en riktig fil). */
export function medAndrat(andringar: Record<string, unknown>): Installningar {
  const { fil: _fil, version: _version, ...rest } = standard;
  return tolkaInstallningar({ ...rest, ...andringar }, 'test: ändrade standardinställningar');
}
