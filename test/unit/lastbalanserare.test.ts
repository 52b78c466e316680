import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readStackConfig } from '../../scripts/config.ts';
import { findHaproxy, haproxyConfig, requireHaproxy } from '../../scripts/lastbalanserare.ts';

/** The HAProxy configuration `npm start` writes for BOKVAR_MOTORER=2, checked by HAProxy itself. */
const config = haproxyConfig({
  bind: '127.0.0.1:8080',
  nodes: [
    { name: 'motor-1', host: '127.0.0.1', port: 8081 },
    { name: 'motor-2', host: '127.0.0.1', port: 8082 },
  ],
  log: 'stdout',
});

describe('the load balancer in front of the engine nodes', () => {
  it('is a configuration HAProxy accepts without a warning', () => {
    const haproxy = findHaproxy();
    if (!haproxy) throw new Error('installera haproxy (apt-get install haproxy)');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bokvar-haproxy-')), 'haproxy.cfg');
    fs.writeFileSync(file, config);
    const checked = spawnSync(haproxy, ['-c', '-f', file], { encoding: 'utf8' });
    expect(checked.stderr).not.toMatch(/WARNING|ALERT/);
    expect(checked.status).toBe(0);
  });

  it('checks each node without credentials, keeps browsers on their node and passes the caller on', () => {
    expect(config).toContain('option httpchk GET /actuator/health');
    expect(config).toMatch(/server motor-1 127\.0\.0\.1:8081 check .* cookie motor-1/);
    expect(config).toMatch(/server motor-2 127\.0\.0\.1:8082 check .* cookie motor-2/);
    expect(config).toContain('cookie BOKVAR_MOTOR insert indirect nocache httponly');
    expect(config).toContain('option forwardfor');
  });

  it("outwaits the workers' longest long poll and sends a refused connection to another node only", () => {
    const server = Number(/timeout server (\d+)s/.exec(config)?.[1]);
    expect(server).toBeGreaterThan(60); // workers/config.ts: BOKVAR_WORKER_LONG_POLL_MS at most 60 000
    expect(config).toContain('option redispatch');
    expect(config).toContain('retry-on conn-failure');
    expect(config).not.toMatch(/retry-on .*(empty-response|response-timeout|all-retryable)/);
  });

  it('sends external tasks to one node at a time, the others standing by', () => {
    const backend = config.slice(config.indexOf('backend motor_externa_uppgifter'));
    expect(backend).toMatch(/server motor-1 .*track motor_noder\/motor-1$/m);
    expect(backend).toMatch(/server motor-2 .*track motor_noder\/motor-2 backup$/m);
    expect(config).toMatch(/path_beg \/engine-rest\/external-task\n\s+use_backend motor_externa_uppgifter/);
  });

  it('without HAProxy refuses to start more than one node, saying in one line how to install it', () => {
    expect(findHaproxy([], '')).toBeUndefined();
    expect(() => requireHaproxy(() => findHaproxy([], ''))).toThrow(ConfigError);
    expect(() => requireHaproxy(() => findHaproxy([], ''))).toThrow(/^[^\n]*installera haproxy \(apt-get install haproxy\)$/);
    expect(findHaproxy(['/finns/inte/haproxy'], path.dirname(findHaproxy() ?? '/usr/sbin/haproxy'))).toBe(findHaproxy());
  });

  it('logs no query string (a search value could be personal data)', () => {
    expect(config).toMatch(/log-format ".*%\{\+Q\}HP"/);
    expect(config).not.toMatch(/%HU|%r\b|%\{\+Q\}r|\[url\]|capture/);
  });

  it('is asked for with BOKVAR_MOTORER, 1 (no HAProxy) to 4 engine nodes', () => {
    expect(readStackConfig({}).motorer).toBe(1);
    expect(readStackConfig({ BOKVAR_MOTORER: '2' }).motorer).toBe(2);
    expect(() => readStackConfig({ BOKVAR_MOTORER: '5' })).toThrow(/BOKVAR_MOTORER/);
    expect(() => readStackConfig({ BOKVAR_MOTORER: '0' })).toThrow(/BOKVAR_MOTORER/);
  });
});
