/**
 * Import benchmark: a generated 1,000,000-row, 10-column CSV through the real import pipeline.
 * Reports peak memory (target: under 300 MB) and rows per second as a ratio against a bare
 * better-sqlite3 prepared-insert loop over the same rows in the same run (goal: at least 0.5).
 *
 *   npm run bench -- import [rows]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCsvLine, HEADER } from './import-rows';

export function runImportBenchmark(rows: number): { ratio: number; importMb: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-bench-csv-'));
  const csv = path.join(dir, 'bench.csv');
  const out = fs.openSync(csv, 'w');
  fs.writeSync(out, `${HEADER.join(',')}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i += 1) {
    chunk += benchCsvLine(i);
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
  const size = fs.statSync(csv).size;

  const tsx = path.resolve('node_modules/.bin/tsx');
  const run = (args: string[]) => {
    const result = spawnSync(tsx, ['bench/import-worker.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (result.status !== 0) throw new Error(result.stderr || result.stdout);
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { rows: number; ms: number; maxRssMb: number };
  };
  const baseline = run(['baseline', String(rows)]);
  const imported = run(['import', csv]);
  fs.rmSync(dir, { recursive: true, force: true });

  const importRate = imported.rows / (imported.ms / 1000);
  const baselineRate = baseline.rows / (baseline.ms / 1000);
  const ratio = importRate / baselineRate;
  console.log(`import benchmark: ${rows.toLocaleString('en')} rows × ${HEADER.length} columns, ${(size / 1e6).toFixed(1)} MB CSV`);
  console.log(`  baseline insert loop: ${Math.round(baselineRate).toLocaleString('en')} rows/s (${(baseline.ms / 1000).toFixed(2)} s, peak ${baseline.maxRssMb} MB)`);
  console.log(`  full import:          ${Math.round(importRate).toLocaleString('en')} rows/s (${(imported.ms / 1000).toFixed(2)} s, peak ${imported.maxRssMb} MB)`);
  console.log(`  ratio import/baseline: ${ratio.toFixed(2)} (goal ≥ 0.50)   peak memory ${imported.maxRssMb} MB (target < 300 MB)`);
  return { ratio, importMb: imported.maxRssMb };
}
