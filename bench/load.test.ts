import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile, runLoad } from './load';

let server: http.Server;
let url = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/slow') setTimeout(() => res.end('late'), 30);
    else if (req.url === '/missing') {
      res.statusCode = 404;
      res.end('no');
    } else res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the load generator', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('measures each request from send to last byte, over its connections', async () => {
    const result = await runLoad({ url: `${url}/slow`, connections: 4, duration: 0.5 });
    expect(result.p50).toBeGreaterThanOrEqual(29);
    // Latency and throughput must agree: four connections that each wait 30 ms per answer cannot
    // complete more than about 4 × 500 / 30 requests in half a second.
    expect(result.requests).toBeGreaterThan(0);
    expect(result.requests).toBeLessThanOrEqual(4 * Math.ceil(500 / 29) + 4);
    expect(result.errors + result.non2xx + result.timeouts).toBe(0);
  });

  it('counts answers outside 2xx and timeouts', async () => {
    expect((await runLoad({ url: `${url}/missing`, connections: 1, duration: 0.2 })).non2xx).toBeGreaterThan(0);
    const stuck = await runLoad({ url: `${url}/slow`, connections: 1, duration: 0.1, timeout: 0.01 });
    expect(stuck.timeouts).toBeGreaterThan(0);
    expect(stuck.p50).toBeNull();
  });
});
