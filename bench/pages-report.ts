/**
 * The page benchmark's report: each row's numbers as ratios against the in-app bare route of the
 * same run, the targets of issue 14 as pass/fail marks (not assertions), and the Markdown tables.
 * Pure; unit-tested in pages-report.test.ts.
 */
import { BARE_IN_APP, BARE_REMIX, BARE_SIGNED_IN, type PageKind } from './pages-config';

export interface LoadResult {
  name: string;
  label: string;
  path: string;
  kind: PageKind;
  /** Measured with a session: compared with the signed-in bare route. */
  signedIn?: boolean;
  /** Mean requests per second over the measured seconds. */
  reqPerSec: number;
  requests: number;
  /** Latency percentiles in ms; null when no request completed within the timeout. */
  p50: number | null;
  p95: number | null;
  p97_5: number | null;
  p99: number | null;
  /** Non-2xx answers plus failed or timed-out requests. */
  errors: number;
  non2xx: number;
  timeouts: number;
  /** Bytes of the body with `Accept-Encoding: gzip`, from one request after the run. */
  gzipBytes: number | null;
  status: number | null;
  /** One request on an idle server, before the load. */
  aloneMs: number | null;
}

export interface Check {
  label: string;
  pass: boolean;
}

export const TARGETS = {
  /** Every page against the in-app bare route. */
  pageThroughput: 0.6,
  pageP99Ms: 100,
  datastoreP99Ms: 200,
  searchTailMs: 50,
  /** The in-app bare route against the bare Remix app. */
  inAppThroughput: 0.5,
  csvSpeed: 0.5,
  peakRssMb: 500,
} as const;

/** a / b, or null when either is missing or b is zero. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a / b;
}

export function checksFor(row: LoadResult, inApp: LoadResult | undefined, bareRemix: LoadResult | undefined): Check[] {
  const checks: Check[] = [];
  const noErrors = { label: '0 errors', pass: row.errors === 0 };
  if (row.name === BARE_REMIX) return [noErrors];
  if (row.name === BARE_SIGNED_IN) return [noErrors];
  if (row.name === BARE_IN_APP) {
    const r = ratio(row.reqPerSec, bareRemix?.reqPerSec);
    return [{ label: `req/s ≥ ${TARGETS.inAppThroughput}× bare Remix (${formatRatio(r)})`, pass: r !== null && r >= TARGETS.inAppThroughput }, noErrors];
  }
  const r = ratio(row.reqPerSec, inApp?.reqPerSec);
  checks.push({ label: `req/s ≥ ${TARGETS.pageThroughput}×`, pass: r !== null && r >= TARGETS.pageThroughput });
  const p99Limit = row.kind === 'datastore' ? TARGETS.datastoreP99Ms : TARGETS.pageP99Ms;
  checks.push({ label: `p99 < ${p99Limit} ms`, pass: row.p99 !== null && row.p99 < p99Limit });
  if (row.kind === 'search') checks.push({ label: `p95 < ${TARGETS.searchTailMs} ms`, pass: row.p95 !== null && row.p95 < TARGETS.searchTailMs });
  checks.push(noErrors);
  return checks;
}

export function formatRatio(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(2)}×`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '–';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Milliseconds; a missing percentile means every request ran into the timeout. */
function formatMs(ms: number | null): string {
  if (ms === null) return 'timeout';
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

function withRatio(text: string, value: number | null): string {
  return value === null ? text : `${text} (${formatRatio(value)})`;
}

function marks(checks: readonly Check[]): string {
  return checks.map((c) => `${c.pass ? '✅' : '❌'} ${c.label}`).join('<br>');
}

/**
 * One row per page: each number followed by its ratio to the in-app bare route measured in the same
 * run (for req/s higher is better; for latency and size lower is), and the time of one request on
 * the idle server before the load ("alone").
 */
export function formatPagesTable(rows: readonly LoadResult[]): string {
  const anonymousBare = rows.find((r) => r.name === BARE_IN_APP);
  const signedInBare = rows.find((r) => r.name === BARE_SIGNED_IN);
  const bareRemix = rows.find((r) => r.name === BARE_REMIX);
  const lines = [
    '| page | req/s (× bare) | p50 ms (× bare) | p95 ms | p99 ms (× bare) | errors | gzip body (× bare) | alone ms | targets | path |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const row of rows) {
    // Anonymous pages against the anonymous bare route, signed-in ones against the signed-in one.
    const inApp = row.signedIn ? (signedInBare ?? anonymousBare) : anonymousBare;
    const base = row.name === BARE_IN_APP || row.name === BARE_SIGNED_IN ? undefined : inApp;
    const errors = row.errors === 0 ? '0' : `${row.errors} (${row.non2xx} non-2xx, ${row.timeouts} timeouts)`;
    lines.push(
      [
        '',
        `${row.label} \`${row.name}\``,
        withRatio(Math.round(row.reqPerSec).toLocaleString('en'), base ? ratio(row.reqPerSec, base.reqPerSec) : null),
        withRatio(formatMs(row.p50), base ? ratio(row.p50, base.p50) : null),
        formatMs(row.p95),
        withRatio(formatMs(row.p99), base ? ratio(row.p99, base.p99) : null),
        errors,
        withRatio(formatBytes(row.gzipBytes), base ? ratio(row.gzipBytes, base.gzipBytes) : null),
        row.aloneMs === null ? '–' : formatMs(row.aloneMs),
        marks(checksFor(row, inApp, bareRemix)),
        `\`${row.path.replaceAll('|', '%7C')}\``,
        '',
      ].join(' | ').trim(),
    );
  }
  return lines.join('\n');
}

export interface CsvResult {
  label: string;
  ms: number;
  /** Bytes on the wire. */
  bytes: number;
  /** Bytes after decoding (the CSV itself). */
  csvBytes: number;
  lines: number;
}

/** Download speed against the bare loop's: time ratio baseline/download (≥ 0.5 is the target). */
export function formatCsvTable(baseline: CsvResult, downloads: readonly CsvResult[]): string {
  const lines = ['| read | time s | bytes (wire) | CSV bytes | lines | speed (× bare loop) | target |', '|---|---:|---:|---:|---:|---:|---|'];
  const row = (r: CsvResult, speed: number | null, target: string) =>
    `| ${r.label} | ${(r.ms / 1000).toFixed(2)} | ${formatBytes(r.bytes)} | ${formatBytes(r.csvBytes)} | ${r.lines.toLocaleString('en')} | ${formatRatio(speed)} | ${target} |`;
  lines.push(row(baseline, 1, ''));
  for (const d of downloads) {
    const speed = ratio(baseline.ms, d.ms);
    lines.push(row(d, speed, `${speed !== null && speed >= TARGETS.csvSpeed ? '✅' : '❌'} ≥ ${TARGETS.csvSpeed}× bare loop`));
  }
  return lines.join('\n');
}

export function formatRss(peakMb: number): string {
  return `${peakMb < TARGETS.peakRssMb ? '✅' : '❌'} server peak RSS ${peakMb.toFixed(0)} MB (target < ${TARGETS.peakRssMb} MB)`;
}
