import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Issue 19, item 3: what docs/drift/ ships for operations uses the metrics by
 * the names the engine, the workers and the UI serve (the names are fixed
 * across the three; a renamed metric would leave an empty panel or a silent alert).
 */
const drift = path.resolve(import.meta.dirname, '..', '..', 'docs', 'drift');
const read = (name: string) => fs.readFileSync(path.join(drift, name), 'utf8');

const COUNTERS_AND_GAUGES = [
  'bokvar_engine_incidents_open',
  'bokvar_engine_external_tasks_waiting',
  'bokvar_engine_jobs_due',
  'bokvar_engine_jobs_failed',
  'bokvar_worker_tasks_completed_total',
  'bokvar_worker_tasks_failed_total',
  'bokvar_worker_tasks_bpmn_error_total',
  'bokvar_ui_http_requests_total',
  'bokvar_ui_intake_total',
  'bokvar_ui_case_index_lag_seconds',
];
const HISTOGRAMS = ['bokvar_worker_handler_duration_seconds', 'bokvar_ui_http_request_duration_seconds'];
const CONTRACT = [...COUNTERS_AND_GAUGES, ...HISTOGRAMS];
const SERIES = new Set([...COUNTERS_AND_GAUGES, ...HISTOGRAMS.flatMap((h) => [`${h}_bucket`, `${h}_sum`, `${h}_count`])]);

const PROMQL_WORDS = new Set([
  ...['sum', 'min', 'max', 'avg', 'count', 'topk', 'bottomk', 'quantile', 'by', 'without', 'and', 'or', 'unless', 'on', 'ignoring'],
  ...['rate', 'irate', 'increase', 'delta', 'deriv', 'histogram_quantile', 'min_over_time', 'max_over_time', 'avg_over_time', 'offset'],
  ...['abs', 'clamp_min', 'clamp_max', 'absent', 'time', 'vector', 'scalar', 'bool', 'group_left', 'group_right'],
]);

/** The metric names a PromQL expression reads: what is left without label matchers, groupings, ranges, strings and numbers. */
function metricsIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\boffset\s+\w+/g, '');
  return (bare.match(/[A-Za-z_:][A-Za-z0-9_:]*/g) ?? []).filter((w) => !PROMQL_WORDS.has(w));
}

describe('the Grafana dashboard (docs/drift/grafana-bokvar.json)', () => {
  const dashboard = JSON.parse(read('grafana-bokvar.json')) as {
    title: string;
    uid: string;
    panels: { id: number; type: string; title: string; gridPos: object; targets?: { expr: string }[] }[];
  };
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

  it('is a dashboard: a title, a uid, panels with ids, places and queries', () => {
    expect(dashboard.title).toBe('Bokvar');
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const p of dashboard.panels) {
      expect(p.gridPos, p.title).toBeDefined();
      if (p.type !== 'row') expect(p.targets?.length, p.title).toBeGreaterThan(0);
    }
  });

  it('queries only the metrics Bokvar serves, and every one of them', () => {
    const used = exprs.flatMap(metricsIn);
    expect(used.filter((m) => !SERIES.has(m))).toEqual([]);
    const covered = new Set(used.map((m) => m.replace(/_(bucket|sum|count)$/, '')));
    expect(CONTRACT.filter((m) => !covered.has(m))).toEqual([]);
  });

  it('reads metric names from PromQL as meant', () => {
    expect(metricsIn('histogram_quantile(0.95, sum by (le, topic) (rate(bokvar_worker_handler_duration_seconds_bucket[5m])))')).toEqual([
      'bokvar_worker_handler_duration_seconds_bucket',
    ]);
    expect(metricsIn('sum by (route) (rate(bokvar_ui_http_requests_total{status=~"5.."}[5m])) / other_metric')).toEqual([
      'bokvar_ui_http_requests_total',
      'other_metric',
    ]);
  });
});

describe('the Prometheus configuration (docs/drift/prometheus.yml, bokvar-larm.yml)', () => {
  it('scrapes the engine, the workers and the UI, each with the bearer token from a file', () => {
    const config = parse(read('prometheus.yml')) as {
      scrape_configs: {
        job_name: string;
        metrics_path: string;
        authorization?: { type?: string; credentials_file?: string };
        static_configs: { targets: string[] }[];
      }[];
    };
    const jobs = config.scrape_configs.map((j) => ({
      path: j.metrics_path,
      targets: j.static_configs.flatMap((s) => s.targets),
      credentials: j.authorization?.credentials_file,
      type: j.authorization?.type ?? 'Bearer',
    }));
    expect(jobs).toHaveLength(3);
    expect(jobs.map(({ path: p, targets }) => ({ path: p, targets }))).toEqual([
      { path: '/actuator/prometheus', targets: ['engine:8080'] },
      { path: '/metrics', targets: ['workers:3100'] },
      { path: '/metrics', targets: ['ui:3000'] },
    ]);
    for (const j of jobs) {
      expect(j.type).toBe('Bearer');
      expect(j.credentials).toMatch(/^\/.+/);
    }
    expect(new Set(config.scrape_configs.map((j) => j.job_name)).size).toBe(3);
  });

  it('alerts only on the metrics Bokvar serves', () => {
    const rules = parse(read('bokvar-larm.yml')) as { groups: { rules: { alert: string; expr: string }[] }[] };
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.flatMap((r) => metricsIn(r.expr)).filter((m) => !SERIES.has(m))).toEqual([]);
  });
});

describe('the runbook (docs/drift/metrik.md)', () => {
  it('explains every metric by its name', () => {
    const text = read('metrik.md');
    expect(CONTRACT.filter((m) => !text.includes(`\`${m}`))).toEqual([]);
  });
});
