import type { Knex } from 'knex';
import { svenskTidpunkt } from '../../domain/svensk-tid.ts';

/**
 * Notices for the intake API, each for a different adult of the synthetic
 * population at the address the register holds, so that the real register
 * checks take their ordinary paths and no two cases of a run get linked.
 */
export interface Person {
  personnummer: string;
  fornamn: string;
  efternamn: string;
  utdelningsadress2: string;
  postnummer: string;
  postort: string;
  lagenhetsnummer: string;
}

export async function loadPeople(db: Knex, n: number): Promise<Person[]> {
  const people = await db('folkbokforing_personer')
    .where({ skyddad_folkbokforing: false, sekretessmarkering: false })
    .whereNotNull('lagenhetsnummer')
    .whereRaw('substr(personnummer, 1, 4)::int < 2000')
    .orderByRaw('md5(personnummer)') // a mix of households, not the register's first rows
    .limit(n)
    .select<Person[]>('personnummer', 'fornamn', 'efternamn', 'utdelningsadress2', 'postnummer', 'postort', 'lagenhetsnummer');
  if (people.length < n) throw new Error(`only ${people.length} adults in the synthetic population, ${n} needed`);
  return people;
}

const run = Date.now().toString(36);
const hyresgast = (p: Person) => ({
  hyresgast: { personnummer: p.personnummer, namn: `${p.fornamn} ${p.efternamn}` },
  adress: { gatuadress: p.utdelningsadress2, postnummer: p.postnummer, ort: p.postort, lagenhetsnummer: p.lagenhetsnummer },
});

/** Hot om avhysning; two in three for unpaid rent with a service date (the återvinningsfrist path). */
export function underrattelse(p: Person, i: number): Record<string, unknown> {
  const nu = svenskTidpunkt(new Date()).startOf('second');
  return {
    mottagen: nu.toISO({ suppressMilliseconds: true }),
    kalla: 'hyresvard',
    orsak: i % 3 === 0 ? 'storningar' : 'obetald-hyra',
    ...hyresgast(p),
    hyresvard: { namn: 'Bostadsbolaget AB', kontaktperson: 'Karin Ek', epost: 'karin@bostadsbolaget.example' },
    ...(i % 3 === 0 ? {} : { uppsagning: { delgivningsdatum: nu.minus({ days: 2 }).toISODate(), hyresskuld: 9000 + i } }),
    beskrivning: `Benchmark ${run}-${i}`,
  };
}

/** Kronofogden's notice of an eviction three weeks ahead, on a weekday. */
export function kronofogdeMeddelande(p: Person, i: number): Record<string, unknown> {
  const nu = svenskTidpunkt(new Date()).startOf('second');
  let dag = nu.plus({ days: 21 });
  while (dag.weekday > 5) dag = dag.plus({ days: 1 });
  return {
    mottagen: nu.toISO({ suppressMilliseconds: true }),
    malnummer: `KFM-${run}-${i}`,
    avhysningsdatum: dag.toISODate(),
    ...hyresgast(p),
    hyresvard: { namn: 'Bostadsbolaget AB' },
  };
}

const auth = `Basic ${Buffer.from('vera:vera').toString('base64')}`;

/** One notice through the intake as the caseworker vera; the case number and the HTTP time. */
export async function registrera(uiUrl: string, path: string, body: unknown): Promise<{ arendenummer: string; ms: number }> {
  const t = performance.now();
  const r = await fetch(uiUrl + path, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  const elapsed = performance.now() - t;
  // The answer's body may name the tenant: report the status only.
  if (r.status !== 201) throw new Error(`intake ${path}: HTTP ${r.status}`);
  return { arendenummer: (JSON.parse(text) as { arendenummer: string }).arendenummer, ms: elapsed };
}
