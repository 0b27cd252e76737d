/**
 * Prometheus metrics (GET /metrics): request durations by route, the process's own figures
 * (event-loop lag, memory, GC, from prom-client's defaults) and the platform's queues read from
 * the database when scraped. The metrics live in prom-client's global registry, defined once per
 * process although the server and the app build each load this module.
 */
import client from 'prom-client';

const KEY = Symbol.for('jindianzi.metrics');

interface Metrics {
  httpDuration: client.Histogram<'method' | 'route' | 'status'>;
}

type WithMetrics = typeof globalThis & { [KEY]?: Metrics };

function define(): Metrics {
  client.collectDefaultMetrics({ prefix: 'jindianzi_' });
  return {
    httpDuration: new client.Histogram({
      name: 'jindianzi_http_request_duration_seconds',
      help: 'Time from a request arriving to its response being sent, by route template, method and status class.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
  };
}

export function metrics(): Metrics {
  const global = globalThis as WithMetrics;
  return (global[KEY] ??= define());
}

/** Gauges read when /metrics is scraped; `read` is called then and may query the database. */
export function registerScrapedGauge(name: string, help: string, read: () => number | Promise<number>): void {
  if (client.register.getSingleMetric(name)) return;
  new client.Gauge({
    name,
    help,
    // prom-client awaits an asynchronous collect before rendering the scrape.
    async collect() {
      this.set(await read());
    },
  });
}


export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  metrics();
  return { body: await client.register.metrics(), contentType: client.register.contentType };
}
