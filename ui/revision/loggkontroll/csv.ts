import { tidMedSekunder } from '../../../domain/svensk-tid.ts';
import type { CsvColumn } from '../csv.ts';
import type { Lasloggrad, Stickprov } from './index.ts';

/** The read log's rows and the samples as CSV columns (written by ui/revision/csv.ts). */

export const LASLOGG_KOLUMNER: CsvColumn<Lasloggrad>[] = [
  { rubrik: 'Id', varde: (r) => r.id },
  { rubrik: 'Tidpunkt', varde: (r) => tidMedSekunder(r.tidpunkt) },
  { rubrik: 'Användare', varde: (r) => r.anvandare },
  { rubrik: 'Kategori', varde: (r) => r.kategori },
  { rubrik: 'Kanal', varde: (r) => r.kanal },
  { rubrik: 'Ärendenummer', varde: (r) => r.arendenummer },
  { rubrik: 'Vy', varde: (r) => r.vy },
  { rubrik: 'Resurs', varde: (r) => r.resurs },
  { rubrik: 'Syfte', varde: (r) => r.syfte },
];

export const STICKPROV_KOLUMNER: CsvColumn<Stickprov>[] = [
  { rubrik: 'Stickprov', varde: (s) => s.id },
  { rubrik: 'Tidpunkt', varde: (s) => tidMedSekunder(s.tidpunkt) },
  { rubrik: 'Dragen av', varde: (s) => s.dragenAv },
  { rubrik: 'Filter användare', varde: (s) => s.filter.anvandare },
  { rubrik: 'Filter ärende', varde: (s) => s.filter.arende },
  { rubrik: 'Filter kanal', varde: (s) => s.filter.kanal },
  { rubrik: 'Filter kategori', varde: (s) => s.filter.kategori },
  { rubrik: 'Filter från', varde: (s) => s.filter.fran },
  { rubrik: 'Filter till', varde: (s) => s.filter.till },
  { rubrik: 'Begärt antal', varde: (s) => s.antal },
  { rubrik: 'Populationsstorlek', varde: (s) => s.populationsstorlek },
  { rubrik: 'Högsta rad-id', varde: (s) => s.hogstaId },
  { rubrik: 'Seed', varde: (s) => s.seed },
  { rubrik: 'Dragna rader', varde: (s) => s.radIds },
];
