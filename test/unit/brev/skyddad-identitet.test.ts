import { describe, expect, it } from 'vitest';
import type { Brevtyp } from '../../../domain/brevtyper.ts';
import { planeraBrev } from '../../../workers/brev/brev.ts';
import { MALLAR } from '../../../workers/brev/mallar/index.ts';
import { renderPdf } from '../../../workers/brev/pdf.ts';
import { adress, avsandare, indata, lasPdf } from './stod.ts';

/**
 * A tenant with protected personal data (skyddad identitet): their address must
 * never appear in any letter, and letters to them go through Skatteverket's
 * särskilda postförmedling.
 */
describe('protected identity', () => {
  it.each(Object.keys(MALLAR) as Brevtyp[])('%s: no letter shows the address; the tenant gets post via Skatteverket', async (typ) => {
    // given: the address is known to the process, but the tenant is protected
    const planerade = planeraBrev(indata(typ, { skyddadIdentitet: true }), {
      arendenummer: 'BV-2026-7',
      avsandare,
      skapad: new Date('2026-12-14T12:00:00+01:00'),
    });

    for (const brev of planerade) {
      // when
      const { text, info, radata } = await lasPdf(await renderPdf(brev.dokument));

      // then: no part of the address, anywhere in the text or the metadata
      for (const del of [adress.gatuadress, 'Ängsvägen', '987 12', adress.lagenhetsnummer, 'lgh']) {
        expect(text).not.toContain(del);
        expect(JSON.stringify(info)).not.toContain(del);
      }
      // nor in the file's plain parts (XMP metadata is stored uncompressed)
      expect(radata).not.toContain('ngsv');
      // and the name is still there
      expect(text).toContain('Märta Ögren-Åkesson');
      if (brev.mottagare === 'hyresgast') {
        expect(brev.kanal).toBe('sarskild-postformedling');
        expect(text).toContain('Märta Ögren-Åkesson Skatteverket Särskild postförmedling');
      }
    }
  });

  it('does not need the address at all', () => {
    const planerade = planeraBrev(indata('informationsbrev', { skyddadIdentitet: true, adress: null }), {
      arendenummer: 'BV-2026-7',
      avsandare,
      skapad: new Date(),
    });
    expect(planerade[0]!.kanal).toBe('sarskild-postformedling');
  });

  it('wins over brevkanal for the tenant, but not for the landlord', () => {
    const sammanhang = { arendenummer: 'BV-2026-7', avsandare, skapad: new Date() };
    const [tillHyresgast] = planeraBrev(indata('hembesok', { skyddadIdentitet: true, brevkanal: 'rekommenderat' }), sammanhang);
    const [tillHyresvard] = planeraBrev(indata('atagande-betalningsansvar', { skyddadIdentitet: true }), sammanhang);
    expect(tillHyresgast!.kanal).toBe('sarskild-postformedling');
    expect(tillHyresvard!.kanal).toBe('rekommenderat');
  });
});
