/**
 * The load generator of the page benchmark: `connections` keep-alive connections, each sending its
 * next request as soon as the previous answer is complete, for `duration` seconds. Latency is
 * measured per request from send to the last byte.
 *
 * Written here instead of using autocannon: on this project's cached pages (whole answers written
 * at once, chunked and gzipped) autocannon 9 reported latencies near a second at 700 requests a
 * second over one connection, which cannot both be true; a plain keep-alive loop measured 1.7 ms.
 */
import http from 'node:http';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Seconds before a request counts as timed out. */
  timeout?: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  /** Completed answers (any status). */
  requests: number;
  reqPerSec: number;
  /** Milliseconds; null when nothing completed. */
  p50: number | null;
  p95: number | null;
  p97_5: number | null;
  p99: number | null;
  /** Answers outside 2xx. */
  non2xx: number;
  /** Requests that failed for another reason than a timeout (connection errors). */
  errors: number;
  timeouts: number;
}

/** The value below which `share` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank] ?? null;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const timeoutMs = (options.timeout ?? 10) * 1000;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  const started = performance.now();
  const endAt = started + options.duration * 1000;

  const once = () =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      const request = http.get(options.url, { agent, headers: options.headers }, (response) => {
        response.on('data', () => {});
        response.on('end', () => {
          latencies.push(performance.now() - sent);
          if (!response.statusCode || response.statusCode < 200 || response.statusCode >= 300) non2xx += 1;
          resolve();
        });
        response.on('error', () => {
          errors += 1;
          resolve();
        });
      });
      request.setTimeout(timeoutMs, () => {
        timeouts += 1;
        request.destroy(new Error('timeout'));
      });
      request.on('error', () => {
        errors += 1;
        resolve();
      });
    });

  const connection = async () => {
    while (performance.now() < endAt) await once();
  };
  await Promise.all(Array.from({ length: options.connections }, connection));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    requests: latencies.length,
    reqPerSec: Math.round((latencies.length / elapsed) * 10) / 10,
    p50: round(percentile(latencies, 0.5)),
    p95: round(percentile(latencies, 0.95)),
    p97_5: round(percentile(latencies, 0.975)),
    p99: round(percentile(latencies, 0.99)),
    non2xx,
    // Timed-out requests also end in the error handler.
    errors: errors - timeouts,
    timeouts,
  };
}
