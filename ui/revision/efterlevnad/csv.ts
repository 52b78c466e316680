import type { Falt } from '../../api/problem.ts';
import { toCsv } from '../csv.ts';
import { MATT_IDN } from './matt.ts';
import type { Efterlevnadsrapport, Matt, MattId } from './types.ts';

/**
 * The compliance report's tables as CSV: the overview of every measure, one
 * measure's rows and key figures, or the cases behind one number (or behind
 * every number of a measure, `lista=alla`). Decimals with a comma, as Swedish
 * Excel reads them.
 */
export type Tabellval = { tabell: 'oversikt' } | { tabell: MattId; lista?: string };

export function parseTabell(tabell: unknown, lista: unknown, r?: Efterlevnadsrapport): Tabellval | Falt[] {
  if (tabell === undefined || tabell === 'oversikt')
    return lista === undefined ? { tabell: 'oversikt' } : [{ falt: 'lista', fel: 'gäller bara ett mått' }];
  if (typeof tabell !== 'string' || !(MATT_IDN as readonly string[]).includes(tabell)) {
    return [{ falt: 'tabell', fel: `okänd tabell; tillåtna: oversikt, ${MATT_IDN.join(', ')}` }];
  }
  if (lista === undefined) return { tabell: tabell as MattId };
  const matt = r?.matt.find((m) => m.id === tabell);
  const rader = matt?.rader.map((x) => x.id) ?? [];
  if (typeof lista !== 'string' || (lista !== 'alla' && matt && !rader.includes(lista))) {
    return [{ falt: 'lista', fel: `okänd lista; tillåtna: alla, ${rader.join(', ')}` }];
  }
  return { tabell: tabell as MattId, lista };
}

export const decimal = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v).replace('.', ','));

export function csvFor(r: Efterlevnadsrapport, val: Tabellval): { filnamn: string; csv: string } | undefined {
  const period = `${r.urval.fran}_${r.urval.till}${r.urval.process ? `_${r.urval.process}` : ''}`;
  if (val.tabell === 'oversikt') {
    const rader = r.matt.flatMap((m) => m.rader.map((rad) => ({ m, rad })));
    return {
      filnamn: `efterlevnad_oversikt_${period}.csv`,
      csv: toCsv(
        [
          { rubrik: 'Mått', varde: (x) => x.m.rubrik },
          { rubrik: 'Utfall', varde: (x) => x.rad.text },
          { rubrik: 'Antal', varde: (x) => x.rad.antal },
          { rubrik: 'Andel (%)', varde: (x) => decimal(x.rad.andel) },
          { rubrik: 'Avvikelse', varde: (x) => (x.rad.avvikelse ? 'Ja' : '') },
        ],
        rader,
      ),
    };
  }
  const matt = r.matt.find((m) => m.id === val.tabell);
  if (!matt) return undefined;
  if (val.lista === undefined) return { filnamn: `efterlevnad_${matt.id}_${period}.csv`, csv: mattTabell(matt) };
  const rader = matt.rader.filter((x) => val.lista === 'alla' || x.id === val.lista);
  const poster = rader.flatMap((rad) => rad.arenden.map((nr) => ({ rad, nr })));
  return {
    filnamn: `efterlevnad_${matt.id}_${val.lista}_${period}.csv`,
    csv: toCsv(
      [
        { rubrik: 'Ärendenummer', varde: (x) => x.nr },
        { rubrik: 'Mottagen', varde: (x) => r.arenden[x.nr]?.mottagen },
        { rubrik: 'Utfall', varde: (x) => x.rad.text },
        ...(matt.dagar ? [{ rubrik: 'Dagar', varde: (x: { nr: string }) => matt.dagar![x.nr] }] : []),
      ],
      poster,
    ),
  };
}

function mattTabell(m: Matt): string {
  const rader = [
    ...m.rader.map((x) => ({ text: x.text, varde: String(x.antal), andel: decimal(x.andel), avvikelse: x.avvikelse })),
    ...m.nyckeltal.map((n) => ({ text: n.text, varde: decimal(n.varde), andel: '', avvikelse: n.avvikelse })),
  ];
  return toCsv(
    [
      { rubrik: m.rubrik, varde: (x) => x.text },
      { rubrik: 'Antal eller värde', varde: (x) => x.varde },
      { rubrik: 'Andel (%)', varde: (x) => x.andel },
      { rubrik: 'Avvikelse', varde: (x) => (x.avvikelse ? 'Ja' : '') },
    ],
    rader,
  );
}
