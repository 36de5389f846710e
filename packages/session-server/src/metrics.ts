/** Prometheus metrics, read from the plain counters when scraped. */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QUOTA_REASONS } from './quotas.js';
import type { Stats } from './stats.js';

export interface Metrics {
  registry: Registry;
  storeLatency: Histogram;
}

export function createMetrics(stats: Stats): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const gauge = (name: string, help: string, read: () => number): void => {
    registry.registerMetric(
      new Gauge({
        name,
        help,
        registers: [],
        collect() {
          this.set(read());
        },
      }),
    );
  };
  const counter = (name: string, help: string, read: () => number): void => {
    registry.registerMetric(
      new Counter({
        name,
        help,
        registers: [],
        collect() {
          this.reset();
          this.inc(read());
        },
      }),
    );
  };
  gauge('attune_connections', 'Open WebSocket connections', () => stats.connections);
  gauge('attune_rooms', 'Rooms in memory', () => stats.rooms);
  counter('attune_frames_in_total', 'WebSocket frames received', () => stats.framesIn);
  counter('attune_frames_out_total', 'WebSocket frames sent', () => stats.framesOut);
  counter('attune_bytes_in_total', 'Bytes received in WebSocket frames', () => stats.bytesIn);
  counter('attune_bytes_out_total', 'Bytes sent in WebSocket frames', () => stats.bytesOut);
  counter(
    'attune_closed_malformed_total',
    'Connections closed for malformed input',
    () => stats.closedMalformed,
  );
  counter(
    'attune_closed_slow_total',
    'Connections closed for a full outbound buffer',
    () => stats.closedSlow,
  );
  gauge(
    'attune_store_failing',
    'Whether store writes are failing (1: a full or read-only disk, changes are not kept)',
    () => stats.storeFailing,
  );
  counter('attune_refused_upgrades_total', 'WebSocket upgrades refused', () => stats.refusedUpgrades);
  counter(
    'attune_refused_updates_total',
    'Document updates refused because the document cannot integrate them',
    () => stats.refusedUpdates,
  );
  counter(
    'attune_repaired_rows_total',
    'Stored updates left out on load because the document refuses them',
    () => stats.repairedRows,
  );
  counter(
    'attune_rebuilt_documents_total',
    'Live documents rebuilt from the store after a refused update',
    () => stats.rebuiltDocs,
  );
  counter(
    'attune_refused_while_held_total',
    'Changes and broadcasts refused while the room was held',
    () => stats.refusedWhileHeld,
  );
  registry.registerMetric(
    new Counter({
      name: 'attune_quota_refusals_total',
      help: 'Requests and recorded events refused by a quota or rate limit, by reason',
      labelNames: ['reason'],
      registers: [],
      collect() {
        this.reset();
        const refused = stats.quotas?.refused;
        for (const reason of QUOTA_REASONS) this.inc({ reason }, refused?.[reason] ?? 0);
      },
    }),
  );
  registry.registerMetric(
    new Counter({
      name: 'attune_awareness_refused_total',
      help: 'Awareness entries and presence queries refused, by reason',
      labelNames: ['reason'],
      registers: [],
      collect() {
        this.reset();
        for (const [reason, n] of Object.entries(stats.awarenessRefused)) this.inc({ reason }, n);
      },
    }),
  );
  counter(
    'attune_awareness_stamped_total',
    'Awareness entries whose identity the server wrote from the token',
    () => stats.awarenessStamped,
  );
  const storeLatency = new Histogram({
    name: 'attune_store_write_seconds',
    help: 'Time to make one batch of writes durable',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  return { registry, storeLatency };
}
