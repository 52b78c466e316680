import type { Adress } from '../../domain/arendevariabler.ts';
import type { Personnummer } from '../../domain/personnummer.ts';
import { arSkyddadIdentitet } from '../../domain/skyddad-adress.ts';

/**
 * The population register (folkbokföringen) as the folkbokforing topic sees it.
 * The shipped implementation reads Bokvar's own tables, loaded from a Navet or
 * SPAR extract (`postgres-register.ts`, `import.ts`); a direct Navet or SPAR
 * service can implement the same interface later.
 */
export interface Folkbokforingsregister {
  /** The person with this number, registered or deregistered; undefined if the register has no such person. */
  sokPerson(personnummer: Personnummer): Promise<FolkbokfordPerson | undefined>;
  /**
   * Everyone currently registered at the address (deregistered persons are not).
   * With a lägenhetsnummer only that flat, plus persons at the street address
   * whose registration names no flat; without one, the whole street address.
   */
  personerPaAdress(adress: Adress): Promise<FolkbokfordPerson[]>;
}

export interface FolkbokfordPerson {
  personnummer: Personnummer;
  fornamn: string;
  mellannamn?: string;
  efternamn: string;
  /** Absent when the register gives none (deregistered, emigrated). */
  folkbokforingsadress?: Folkbokforingsadress;
  /** The day the person was registered at the address (ÅÅÅÅ-MM-DD). */
  folkbokforingsdatum?: string;
  /** Sekretessmarkering: the register's warning that the person's data may not be disclosed without a damage test. */
  sekretessmarkering: boolean;
  /** Skyddad folkbokföring: registered elsewhere than where the person lives; the real address is not in the register. */
  skyddadFolkbokforing: boolean;
  /** Deregistered (avregistrerad): Navet/SPAR's reason code (AV avliden, UV utvandrad, GN gammalt nummer …) and date. */
  avregistrering?: { orsak: string; datum?: string };
}

export interface Folkbokforingsadress {
  coAdress?: string;
  /** The street line (Navet's utdelningsadress 2, or 1 when 2 is empty). */
  gatuadress: string;
  postnummer: string;
  ort: string;
  lagenhetsnummer?: string;
}

/** Protected identity: either marking means the address never leaves Bokvar's register tables. */
export function harSkyddadIdentitet(person: FolkbokfordPerson): boolean {
  return arSkyddadIdentitet(person);
}
