/** Builds the Remix app when there is no build or the sources are newer than it. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnvironment, config } from '../app/config.server';

const SOURCES = ['app', 'public', 'vite.config.ts', 'tailwind.config.ts', 'postcss.config.js', 'package-lock.json'];

function newestMtime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIsStale(root: string): boolean {
  const built = path.join(root, 'build/server/index.js');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

export function ensureBuild(root: string): void {
  if (config().skipBuildCheck || !buildIsStale(root)) return;
  console.log('Building the app (first start, or the sources changed)…');
  // Not under Vitest's environment: the Vite config leaves the Remix plugin out when VITEST is set.
  const env = childEnvironment({}, (name) => name.startsWith('VITEST'));
  const result = spawnSync(path.join(root, 'node_modules/.bin/remix'), ['vite:build'], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}
