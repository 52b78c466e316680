/**
 * The letters Bokvar writes: their types, recipients and channels, as ids.
 * The brev worker's templates (workers/brev/mallar/) and the UI's timeline both
 * use them; their Swedish names are in ./etiketter.ts. docs/brev.md describes
 * each letter.
 */
export const BREVTYPER = [
  'informationsbrev',
  'hembesok',
  'bekraftelse-kronofogden',
  'atagande-betalningsansvar',
  'erbjudande-uppfoljning',
] as const;
export type Brevtyp = (typeof BREVTYPER)[number];

/** How a letter leaves: the letter row records it, the registry clerk acts on it. */
export const KANALER = ['post', 'rekommenderat', 'epost-myndighet', 'sarskild-postformedling'] as const;
export type Kanal = (typeof KANALER)[number];

export const MOTTAGARROLLER = ['hyresgast', 'hyresvard', 'kronofogden'] as const;
export type Mottagarroll = (typeof MOTTAGARROLLER)[number];
