import knex from 'knex';
import { describe, expect, it } from 'vitest';
import { readWorkerConfig } from '../../workers/config.ts';
import { groups, isFetchConflict } from '../../workers/polling.ts';
import { createTopics } from '../../workers/topics.ts';
import { noEngine } from '../support/no-engine.ts';

const env = {
  BOKVAR_ENGINE_URL: 'http://127.0.0.1:8080/engine-rest',
  BOKVAR_WORKER_USER: 'bokvar-worker',
  BOKVAR_WORKER_PASSWORD: 'x',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bokvar',
};
const topics = createTopics({ db: knex({ client: 'pg' }), engine: noEngine() });

/** An error as camunda-external-task-client-js hands it to 'poll:error' (EngineError). */
function engineError(status: number, message: string): Error {
  return Object.assign(new Error(`Response code ${status} (Server Error); Error: ${message}; Type: undefined; Code: undefined`), {
    httpStatusCode: status,
  });
}

describe('worker groups', () => {
  it('letters have their own client and slots; every other topic shares the quick one', () => {
    const g = groups(topics, readWorkerConfig(env));
    expect(g.map((x) => [x.name, x.slots])).toEqual([
      ['steg', 8],
      ['brev', 2],
    ]);
    expect(g[1]!.topics.map((t) => t.topic)).toEqual(['brev']);
    expect(g[0]!.topics).toHaveLength(topics.length - 1);
  });

  it('takes the slot counts and the pause from the settings', () => {
    const config = readWorkerConfig({
      ...env,
      BOKVAR_WORKER_MAX_PARALLEL: '16',
      BOKVAR_WORKER_BREV_PARALLEL: '4',
      BOKVAR_WORKER_POLL_INTERVAL_MS: '0',
    });
    expect(groups(topics, config).map((x) => x.slots)).toEqual([16, 4]);
    expect(config.BOKVAR_WORKER_POLL_INTERVAL_MS).toBe(0);
    expect(() => readWorkerConfig({ ...env, BOKVAR_WORKER_POLL_INTERVAL_MS: '5000' })).toThrow(/BOKVAR_WORKER_POLL_INTERVAL_MS/);
    expect(() => readWorkerConfig({ ...env, BOKVAR_WORKER_ID: 'två ord' })).toThrow(/BOKVAR_WORKER_ID/);
  });
});

describe('a fetch conflict', () => {
  it("is the engine's 500 with a NullPointerException from a competing fetcher", () => {
    expect(isFetchConflict(engineError(500, 'java.lang.NullPointerException'))).toBe(true);
  });

  it('is not any other failure', () => {
    expect(isFetchConflict(engineError(500, 'ENGINE-03005 Execution failed'))).toBe(false);
    expect(isFetchConflict(engineError(401, 'Unauthorized'))).toBe(false);
    expect(isFetchConflict(new Error('connect ECONNREFUSED 127.0.0.1:8080'))).toBe(false);
    expect(isFetchConflict(undefined)).toBe(false);
  });
});
