import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import {
  FristError,
  MILJOVARIABEL,
  STANDARDFIL,
  anvandInstallningar,
  hamtaInstallningar,
  installningsandringar,
  lasInstallningar,
  type Installningar,
} from './index.ts';

/** Editors write in bursts (truncate, write, rename): one read after the file has been quiet this long. */
const LUGN_MS = 200;

export interface Installningsbevakning {
  /** Reads the file again now (what SIGHUP does). Returns the settings in force afterwards. */
  lasOm(orsak: string): Installningar;
  stop(): void;
}

/**
 * Keeps the deadline settings (frister/installningar.json or BOKVAR_FRISTER_INSTALLNINGAR) in step
 * with the file while the workers run. Watches the file's folder, not the file: an editor that
 * saves by writing a new file and renaming it over the old one leaves a watch on the old file
 * deaf. A valid new version replaces the settings in force for every deadline computed from then
 * on; each changed field is logged (name, old → new: the file holds no personal data). An invalid
 * file is logged with its errors and the last valid settings stay in force.
 */
export function bevakaInstallningar(log: Logger, fil: string = process.env[MILJOVARIABEL] || STANDARDFIL): Installningsbevakning {
  const startinst = lasInstallningar(fil);
  anvandInstallningar(startinst);
  log.info({ fil, version: startinst.version }, 'installningar lasta');

  const lasOm = (orsak: string): Installningar => {
    const fore = hamtaInstallningar();
    let ny: Installningar;
    try {
      ny = lasInstallningar(fil);
    } catch (error) {
      if (!(error instanceof FristError)) throw error;
      const fel = error.message
        .split('\n')
        .slice(1)
        .map((rad) => rad.replace(/^\s*-\s*/, ''));
      log.error({ fil, orsak, fel, version: fore.version }, 'installningar ogiltiga: de senast giltiga galler');
      return fore;
    }
    if (ny.version === fore.version) {
      log.info({ fil, orsak, version: ny.version }, 'installningar oforandrade');
      return fore;
    }
    const andringar = installningsandringar(fore, ny);
    anvandInstallningar(ny);
    log.info({ fil, orsak, fran: fore.version, till: ny.version, andringar }, 'installningar andrade');
    for (const a of andringar)
      log.info({ installning: a.installning, fran: a.fran, till: a.till }, `installning ${a.installning}: ${a.fran} -> ${a.till}`);
    return ny;
  };

  let timer: NodeJS.Timeout | undefined;
  const namn = path.basename(fil);
  let bevakare: FSWatcher | undefined;
  try {
    bevakare = watch(path.dirname(fil), { persistent: false }, (_handelse, filnamn) => {
      // Some platforms give no name: read anyway, an unchanged file logs "oforandrade" only.
      if (filnamn !== null && filnamn !== namn) return;
      clearTimeout(timer);
      timer = setTimeout(() => lasOm('filen andrades'), LUGN_MS);
    });
    bevakare.on('error', (error) => log.warn({ fil, err: error.message }, 'installningar: bevakningen av filen slutade; SIGHUP laser om'));
  } catch (error) {
    // A folder that cannot be watched (some network or container mounts): SIGHUP still works.
    log.warn({ fil, err: (error as Error).message }, 'installningar: filen kan inte bevakas; SIGHUP laser om');
  }
  const hup = () => void lasOm('SIGHUP');
  process.on('SIGHUP', hup);

  return {
    lasOm,
    stop() {
      clearTimeout(timer);
      bevakare?.close();
      process.off('SIGHUP', hup);
    },
  };
}
