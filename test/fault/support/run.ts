import { expect } from 'vitest';
import type { Account } from './accountant.ts';

/** Seconds since a moment, to one decimal. */
export const secondsSince = (t: number) => Math.round((Date.now() - t) / 100) / 10;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The strict end of every fault test: the figures say nothing was lost or
 * doubled, and any discrepancy is listed per case (the first 40) so a failure
 * names what went wrong.
 */
export function expectNothingLost(result: Account): void {
  expect.soft(result.problems.slice(0, 40), `${result.problems.length} problem(s)`).toEqual([]);
  expect({
    lost: result.figures.lost,
    notAccepted: result.figures.notAccepted,
    duplicateCases: result.figures.duplicateCases,
    orphanInstances: result.figures.orphanInstances,
    orphanRows: result.figures.orphanRows,
    withoutUserTask: result.figures.withoutUserTask,
    duplicateLetters: result.figures.duplicateLetters,
    missingLetters: result.figures.missingLetters,
    missingTimers: result.figures.missingTimers,
    incidents: result.figures.incidents,
    historicIncidents: result.figures.historicIncidents,
  }).toEqual({
    lost: 0,
    notAccepted: 0,
    duplicateCases: 0,
    orphanInstances: 0,
    orphanRows: 0,
    withoutUserTask: 0,
    duplicateLetters: 0,
    missingLetters: 0,
    missingTimers: 0,
    incidents: 0,
    historicIncidents: 0,
  });
}

export const NOTICE_TIMERS = ['atervinningsfristSenast', 'forhandsbedomningPaminnelseSenast', 'forhandsbedomningEskaleringSenast'];
export const KRONOFOGDEN_TIMERS = ['avhysningsdagSenast', 'forhandsbedomningPaminnelseSenast', 'forhandsbedomningEskaleringSenast'];

/** The burst size: the test's own, or BOKVAR_FAULT_ANTAL for a shorter run (a CI subset). */
export function antal(standard: number): number {
  const override = Number(process.env.BOKVAR_FAULT_ANTAL);
  return Number.isInteger(override) && override > 0 ? Math.min(override, standard) : standard;
}

/**
 * A test's own limit: the burst, the recovery and the drain of hundreds of
 * cases take far longer than the suite's 10 minutes on a shared, loaded machine.
 */
export const TEST_TIMEOUT_MS = 45 * 60_000;
