import { fixture, rule, verify } from '../helper.mjs';

const name = 'legal-references';
const invalid = (file, message) => ({ moddleElement: fixture(name, file), report: { id: 'KontaktaHyresvardenOmSkulden', message } });

verify(name, rule(name), {
  valid: [{ moddleElement: fixture(name, 'valid.bpmn') }],
  invalid: [
    invalid('invalid-raw-id.bpmn', 'rått id "[osl-26-1]" – skriv katalogtexten (npm run lagrum)'),
    invalid('invalid-unknown-id.bpmn', '"[sol-2001-453-99-9]": sol-2001-453-99-9 finns inte i lagrumskatalogen (frister/lagrum.ts)'),
    invalid(
      'invalid-repealed.bpmn',
      '"11 kap. 1 § SoL (2001:453) (ej verifierad)" är upphävd; citera 14 kap. 2 § socialtjänstlagen (2025:400) (npm run lagrum)',
    ),
    invalid('invalid-missing-mark.bpmn', '"5 kap. 4 § SoF" saknar " (ej verifierad)" (npm run lagrum)'),
    invalid('invalid-hand-written.bpmn', 'handskrivet lagrum (skriv det i en Lagrum-lista): "…Utred enligt 11 kap. 1 § SoL…"'),
  ],
});
