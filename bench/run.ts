/**
 * Runs the benchmarks: `npm run bench` (import and results), `npm run bench -- import [rows]`,
 * `npm run bench -- results [entries]`, `npm run bench -- ckan [datasets] [rows]` (CKAN package_search and
 * datastore_search), `npm run bench -- bundle` (first-visit bytes of the built app),
 * `npm run bench -- stall` (a cheap page during heavy imports and downloads),
 * `npm run bench -- nodes` (two app processes against one on one PostgreSQL),
 * or `npm run bench -- pages [flags]` (needs the national-scale
 * database, so never part of the default run; `npm run bench -- pages --help` lists the flags).
 */
import { runImportBenchmark } from './import';
import { runResultsBenchmark } from './results';

const [name = 'all', sizeArg] = process.argv.slice(2);
if (name === 'charts') {
  await (await import('./charts')).runChartsBenchmark(sizeArg ? Number(sizeArg) : 1_000_000);
} else if (name === 'joins') {
  await (await import('./joins')).runJoinsBenchmark(sizeArg ? Number(sizeArg) : 100_000);
} else if (name === 'ckan') {
  await (await import('./ckan')).runCkanBenchmark(sizeArg ? Number(sizeArg) : 2_000, process.argv[4] ? Number(process.argv[4]) : 1_000_000);
} else if (name === 'maps') {
  await (await import('./maps')).runMapsBenchmark(sizeArg ? Number(sizeArg) : 1_000_000);
} else if (name === 'bundle') {
  (await import('./bundle')).runBundleReport();
} else if (name === 'stall') {
  await (await import('./stall')).runStallBenchmark(process.argv.slice(3)).catch((error: unknown) => {
    console.error(`stall benchmark: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else if (name === 'nodes') {
  await (await import('./nodes')).runNodesBenchmark(process.argv.slice(3)).catch((error: unknown) => {
    console.error(`nodes benchmark: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else if (name === 'pages') {
  // Loaded only here: the others need neither the load generator nor the server.
  const { runPagesBenchmark } = await import('./pages');
  await runPagesBenchmark(process.argv.slice(3)).catch((error: unknown) => {
    console.error(`pages benchmark: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else {
  if (name !== 'all' && name !== 'import' && name !== 'results') {
    console.error(`unknown benchmark ${name} (import, results, charts, joins, ckan, maps, bundle, stall, nodes or pages)`);
    process.exit(1);
  }
  if (name === 'all' || name === 'import') runImportBenchmark(sizeArg && name === 'import' ? Number(sizeArg) : 1_000_000);
  if (name === 'all' || name === 'results') await runResultsBenchmark(sizeArg && name === 'results' ? Number(sizeArg) : 2_000);
}
