/** Runs the benchmarks: `npm run bench` (all) or `npm run bench -- import [rows]`. */
import { runImportBenchmark } from './import';

const [name = 'all', rowsArg] = process.argv.slice(2);
if (name === 'all' || name === 'import') {
  runImportBenchmark(rowsArg ? Number(rowsArg) : 1_000_000);
} else {
  console.error(`unknown benchmark ${name}`);
  process.exit(1);
}
