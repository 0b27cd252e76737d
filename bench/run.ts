/** Runs the benchmarks: `npm run bench` (all), `npm run bench -- import [rows]` or `npm run bench -- results [entries]`. */
import { runImportBenchmark } from './import';
import { runResultsBenchmark } from './results';

const [name = 'all', sizeArg] = process.argv.slice(2);
if (name !== 'all' && name !== 'import' && name !== 'results') {
  console.error(`unknown benchmark ${name}`);
  process.exit(1);
}
if (name === 'all' || name === 'import') runImportBenchmark(sizeArg && name === 'import' ? Number(sizeArg) : 1_000_000);
if (name === 'all' || name === 'results') await runResultsBenchmark(sizeArg && name === 'results' ? Number(sizeArg) : 2_000);
