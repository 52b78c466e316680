import { describe, expect, it } from 'vitest';
import { adressnyckel, lagenhetsnummerIAdressrad } from '../../../workers/folkbokforing/adress.ts';

describe("adressnyckel: the landlord's and the register's way of writing an address meet", () => {
  it.each([
    ['Linnégatan 12 B', '413 04', 'LINNÉGATAN 12B', '41304'],
    ['Linnégatan 12b', '41304', 'LINNÉGATAN 12 B', '41304'],
    ['Ånäsvägen 20, lgh 1004', '416 58', 'ÅNÄSVÄGEN 20 LGH 1004', '41658'],
    ['Doktor Forselius gata 3', '41326', 'DOKTOR  FORSELIUS GATA 3', '41326'],
    ['Vasagatan 3, lägenhet 1201', '41124', 'VASAGATAN 3', '41124'],
  ])('%s %s = %s %s', (gata1, post1, gata2, post2) => {
    expect(adressnyckel(gata1, post1)).toBe(adressnyckel(gata2, post2));
  });

  it.each([
    ['Linnégatan 12 B', 'Linnégatan 12 C'],
    ['Linnégatan 12', 'Linnégatan 121'],
    ['Vasagatan 3', 'Kungsgatan 3'],
  ])('%s ≠ %s', (a, b) => {
    expect(adressnyckel(a, '41304')).not.toBe(adressnyckel(b, '41304'));
  });

  it('tells streets apart by postcode', () => {
    expect(adressnyckel('Storgatan 1', '41304')).not.toBe(adressnyckel('Storgatan 1', '42145'));
  });

  it('finds a flat number written into the address line', () => {
    expect(lagenhetsnummerIAdressrad('ÅNÄSVÄGEN 20 LGH 1004')).toBe('1004');
    expect(lagenhetsnummerIAdressrad('Vasagatan 3, lägenhet 1201')).toBe('1201');
    expect(lagenhetsnummerIAdressrad('Vasagatan 3')).toBeUndefined();
  });
});
