/**
 * `npm run bench -- bundle`: the bytes (gzip, as the server sends them) of a first visit to the
 * home page, a challenge page and a table preview, from the built app's Remix manifest. Prints the
 * three totals and the largest files, so a change's effect on what visitors download is visible.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { firstVisitAssets, parseManifestScript } from './bundle-report';

const PAGES = [
  { label: 'home', route: 'routes/_index' },
  { label: 'challenge page', route: 'routes/challenges.$slug._index' },
  { label: 'table preview', route: 'routes/datasets.$slug.resources.$id._index' },
];

export function runBundleReport(root = path.resolve(import.meta.dirname, '..')): void {
  const client = path.join(root, 'build/client');
  const assetsDir = path.join(client, 'assets');
  if (!fs.existsSync(assetsDir)) throw new Error('no build: run `npm run build` first');
  const manifestFile = fs.readdirSync(assetsDir).find((name) => /^manifest-.*\.js$/.test(name));
  if (!manifestFile) throw new Error('no Remix manifest in build/client/assets');
  const manifest = parseManifestScript(fs.readFileSync(path.join(assetsDir, manifestFile), 'utf8'));
  // The stylesheet is linked by the root route (not listed in the manifest).
  const stylesheets = fs.readdirSync(assetsDir).filter((name) => name.endsWith('.css')).map((name) => `/assets/${name}`);
  const gzipped = new Map<string, { raw: number; gzip: number }>();
  const size = (asset: string) => {
    let known = gzipped.get(asset);
    if (!known) {
      const bytes = fs.readFileSync(path.join(client, asset));
      known = { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 6 }).length };
      gzipped.set(asset, known);
    }
    return known;
  };
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('| page | files | JavaScript + CSS (raw) | gzip |');
  console.log('|---|---:|---:|---:|');
  for (const page of PAGES) {
    const assets = [`/assets/${manifestFile}`, ...stylesheets, ...firstVisitAssets(manifest, page.route)];
    const raw = assets.reduce((n, a) => n + size(a).raw, 0);
    const gzip = assets.reduce((n, a) => n + size(a).gzip, 0);
    console.log(`| ${page.label} | ${assets.length} | ${kb(raw)} | ${kb(gzip)} |`);
  }
  console.log('\nLargest files (gzip):');
  for (const [asset, s] of [...gzipped].sort((a, b) => b[1].gzip - a[1].gzip).slice(0, 8)) console.log(`  ${kb(s.gzip).padStart(9)}  ${asset}`);
}
