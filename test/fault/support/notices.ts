import { kronofogdeMeddelande, underrattelse } from '../../integration/support/ui.ts';

/**
 * Distinct valid notices for a burst, each with a token the engine keeps as a
 * variable: the description of a notice of threat, Kronofogden's målnummer.
 * The tenant is Bertil Ödman from the scenario extracts (importScenarioPeople).
 */
export function underrattelser(count: number, test: string): { token: string; body: Record<string, unknown> }[] {
  const run = Date.now().toString(36);
  return Array.from({ length: count }, (_, i) => {
    const token = `Felinjektion ${test} ${run} nr ${i + 1}`;
    return { token, body: underrattelse({ beskrivning: token }) };
  });
}

export function kronofogdeMeddelanden(count: number, test: string): { token: string; body: Record<string, unknown> }[] {
  const run = Date.now().toString(36);
  return Array.from({ length: count }, (_, i) => {
    const token = `KFM-${test}-${run}-${i + 1}`;
    return { token, body: kronofogdeMeddelande({ malnummer: token }) };
  });
}
