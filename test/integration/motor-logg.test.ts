import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/config.ts';
import { engineAsAdmin, eventually, statusOf, typed } from './support/engine.ts';
import { deployFixture, fixturesDir } from './support/fixtures.ts';

/**
 * Issue #19, logs: the engine writes JSON lines (Elastic Common Schema), and no
 * personnummer reaches them, not even when an engine error quotes a variable's
 * value. The stack's engine logs to engine.log in the test data folder.
 */
const engineLog = path.join(process.env.BOKVAR_TEST_DATA_DIR ?? path.join(repoRoot, '.data', 'test'), 'logs', 'engine.log');
/** A valid personnummer of a synthetic person (the test scenarios' own). */
const PERSONNUMMER = '19700303-1239';

interface EcsEvent {
  '@timestamp': string;
  log: { level: string; logger: string };
  message: string;
  service: { name: string };
  error?: { message?: string; stack_trace?: string };
}

const events = () =>
  fs
    .readFileSync(engineLog, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EcsEvent);

describe('the engine log', () => {
  it('is one JSON event a line, in Elastic Common Schema', () => {
    const all = events();
    expect(all.length).toBeGreaterThan(10);
    for (const event of all) {
      expect(event.service.name).toBe('bokvar-engine');
      expect(event.log.level).toMatch(/^(TRACE|DEBUG|INFO|WARN|ERROR)$/);
      expect(Date.parse(event['@timestamp'])).not.toBeNaN();
    }
  });

  it('masks a personnummer that an engine error quotes', async () => {
    // given: a timer whose date is a variable, started with a personnummer where the date should be
    await deployFixture(path.join(fixturesDir, 'test-logg-personnummer.bpmn'));

    // when: the engine refuses it, and logs why
    const start = engineAsAdmin().post('/process-definition/key/test-logg-personnummer/start', {
      variables: typed({ datum: PERSONNUMMER }),
    });
    expect(await statusOf(start)).toBe(500);

    // then: the error is in the log, its value masked
    const logged = await eventually('the logged error', async () =>
      events().find((e) => e.log.level === 'ERROR' && e.message.includes('ENGINE-09027')),
    );
    expect(logged.message).toContain("resolving duedate '[personnummer]'");
    const text = fs.readFileSync(engineLog, 'utf8');
    expect(text).not.toContain(PERSONNUMMER);
    expect(text).not.toContain(PERSONNUMMER.replace('-', ''));
  });
});
