/** Återvinningsfristen (12 kap. 44 § jordabalken) och den tidigaste dagen för beslut om avhysning. */
import { FristError, felText } from '../fel.ts';
import { ejVardagSkal, helgdagarPa, nastaHelgfriaDag, vardagarFran } from '../helgdagar.ts';
import type { LagrumId } from '../lagrum.ts';
import { type DagEllerTidpunkt, type Datum, plusDagar, startAvDagenEfter, svensktDatum, veckodagNr } from '../tid.ts';
import type { Frist, Grund } from '../typer.ts';
import { dagMedVeckodag, dagfrist, grund, unika } from './gemensamt.ts';

/** Återvinningsfristen är tre veckor (12 kap. 44 § första stycket jordabalken). */
export const ATERVINNINGSFRIST_VECKOR = 3;
/** Beslut om avhysning först när ytterligare två vardagar gått (12 kap. 44 § andra stycket jordabalken). */
export const VARDAGAR_FORE_AVHYSNINGSBESLUT = 2;

export type AtervinningsfristIndata = {
  /** Dagen då hyresgästen delgavs uppsägningen och underrättelsen om återvinning. */
  delgivningsdatum: DagEllerTidpunkt;
  /** När socialnämnden tog emot hyresvärdens (korrekta) meddelande om uppsägningen. */
  mottagenSocialnamnden: DagEllerTidpunkt;
  delgivningDokument?: string;
  underrattelseDokument?: string;
  /**
   * Vid rättat meddelande från hyresvärden: det tidigare, bristfälliga meddelandet som ersätts.
   * Fristen räknas då från det rättade meddelandet (mottagenSocialnamnden); det gamla sparas i grunden.
   */
  ersatter?: { mottagen: DagEllerTidpunkt; dokument?: string; brist?: string };
};

/**
 * Återvinningsfristen (12 kap. 44 § jordabalken): tre veckor från den senare av delgivningen och
 * socialnämndens mottagande, till samma veckodag (1 § lag 1930:173); infaller sista dagen på
 * lördag, söndag, helgdag, midsommarafton, julafton eller nyårsafton flyttas den till nästa vardag
 * (2 § lag 1930:173). Sista dagen är inklusive; timern går 00:00 dagen efter.
 * Ett rättat meddelande: anropa igen med det nya mottagningsdatumet (och `ersatter`).
 */
export function atervinningsfrist(indata: AtervinningsfristIndata): Frist {
  const delgiven = svensktDatum(indata.delgivningsdatum, 'delgivningsdatum');
  const mottagen = svensktDatum(indata.mottagenSocialnamnden, 'mottagenSocialnamnden');
  const start = delgiven >= mottagen ? delgiven : mottagen;

  const grunder: Grund[] = [
    grund(
      'delgivning',
      'Hyresgästen delgavs uppsägningen och underrättelsen om möjligheten att återvinna hyresrätten',
      indata.delgivningsdatum,
      'delgivningsdatum',
      indata.delgivningDokument,
      delgiven === start,
    ),
    grund(
      'mottagenUnderrattelse',
      indata.ersatter
        ? 'Socialnämnden tog emot hyresvärdens rättade meddelande om uppsägningen'
        : 'Socialnämnden tog emot hyresvärdens meddelande om uppsägningen',
      indata.mottagenSocialnamnden,
      'mottagenSocialnamnden',
      indata.underrattelseDokument,
      mottagen === start,
    ),
  ];
  const lagrum: LagrumId[] = ['jb-12-44-1', 'lag-1930-173-1', 'jb-12-44-4-1'];
  const forklaring: string[] = [];

  if (indata.ersatter) {
    grunder.push(
      grund(
        'ersattUnderrattelse',
        `Tidigare meddelande till socialnämnden, ersatt av ett rättat${indata.ersatter.brist ? ` (${indata.ersatter.brist})` : ''}; det startar inte fristen`,
        indata.ersatter.mottagen,
        'ersatter.mottagen',
        indata.ersatter.dokument,
        false,
      ),
    );
    lagrum.push('nja-1985-s586');
    forklaring.push(`Ett bristfälligt meddelande startar inte fristen; den räknas från det rättade meddelandet (NJA 1985 s. 586).`);
  }

  forklaring.push(
    delgiven === mottagen
      ? `Delgivning och socialnämndens mottagande skedde samma dag, ${dagMedVeckodag(start)}; fristen räknas därifrån.`
      : `Fristen räknas från den senare av delgivningen (${delgiven}) och socialnämndens mottagande (${mottagen}): ${dagMedVeckodag(start)}.`,
  );
  const treVeckor = plusDagar(start, 7 * ATERVINNINGSFRIST_VECKOR);
  forklaring.push(`Tre veckor från ${dagMedVeckodag(start)} slutar ${dagMedVeckodag(treVeckor)} (samma veckodag, 1 § lag 1930:173).`);

  const { sistaDag, ...flyttad } = tillVardag(treVeckor);
  forklaring.push(...flyttad.forklaring);
  lagrum.push(...flyttad.lagrum);
  forklaring.push(
    `Betalning eller socialnämndens skriftliga åtagande är i tid till och med ${sistaDag}; fristen har löpt ut ${startAvDagenEfter(sistaDag)}.`,
  );

  return {
    typ: 'atervinningsfrist',
    art: 'lag',
    benamning: 'Återvinningsfrist',
    ...dagfrist(sistaDag),
    grund: grunder,
    lagrum: unika(lagrum),
    forklaring,
  };
}

/**
 * 2 § lag (1930:173): en sista dag som inte är en vardag flyttas till nästa vardag. Ger dagen och,
 * om den flyttades, förklaringen och lagrummen (lag 1989:253 när en helgdag eller söndag hoppades över).
 */
function tillVardag(dag: Datum): { sistaDag: Datum; forklaring: string[]; lagrum: LagrumId[] } {
  const sistaDag = nastaHelgfriaDag(dag);
  if (sistaDag === dag) return { sistaDag, forklaring: [], lagrum: [] };
  const hoppade: string[] = [];
  let harHelgdag = false;
  for (let d = dag; d < sistaDag; d = plusDagar(d, 1)) {
    hoppade.push(`${d} ${ejVardagSkal(d) ?? ''}`);
    if (helgdagarPa(d).some((h) => h.slag === 'allmanHelgdag') || veckodagNr(d) === 7) harHelgdag = true;
  }
  const lagrum: LagrumId[] = ['lag-1930-173-2', 'lag-1930-173-2-jb-12-44'];
  if (harHelgdag) lagrum.push('lag-1989-253');
  return {
    sistaDag,
    forklaring: [
      `Den dagen är inte en vardag (${hoppade.join(', ')}); sista dagen flyttas till nästa vardag, ${dagMedVeckodag(sistaDag)} (2 § lag 1930:173).`,
    ],
    lagrum,
  };
}

/**
 * Två vardagar efter återvinningsfristen – före dess får inget beslut om avhysning meddelas
 * (12 kap. 44 § andra stycket jordabalken). Information till handläggaren.
 * sistaDag är den andra vardagen; ett beslut kan meddelas tidigast när den har gått (senast).
 * Vardag = måndag–fredag som inte är helgdag, midsommarafton, julafton eller nyårsafton.
 */
export function tidigastAvhysningsbeslut(atervinning: Frist): Frist {
  if (atervinning.typ !== 'atervinningsfrist' || atervinning.sistaDag === undefined) {
    throw new FristError('OGILTIGT_DATUM', felText.ogiltigtDatum('återvinningsfrist', atervinning.typ));
  }
  const fristSlut = atervinning.sistaDag;
  const forsta = vardagarFran(fristSlut, 1);
  const andra = vardagarFran(fristSlut, VARDAGAR_FORE_AVHYSNINGSBESLUT);
  return {
    typ: 'tidigastAvhysningsbeslut',
    art: 'information',
    benamning: 'Tidigaste dag för beslut om avhysning',
    ...dagfrist(andra),
    grund: [
      {
        handelse: 'atervinningsfristUtgick',
        beskrivning: 'Återvinningsfristens sista dag',
        datum: fristSlut,
        styrande: true,
      },
    ],
    lagrum: ['jb-12-44-2'],
    forklaring: [
      `Återvinningsfristens sista dag är ${dagMedVeckodag(fristSlut)}.`,
      `Därefter ska ytterligare två vardagar gå: ${dagMedVeckodag(forsta)} och ${dagMedVeckodag(andra)} (lördagar, helgdagar och midsommar-, jul- och nyårsafton räknas inte).`,
      `Beslut om avhysning kan meddelas tidigast från ${startAvDagenEfter(andra)}.`,
    ],
  };
}
