/**
 * What a first visit to a page downloads: the JavaScript modules of the Remix manifest (entry,
 * root, the route and its parents, and what each imports) and the stylesheets, with gzip sizes.
 * Pure; the file reading is in bundle.ts.
 */

export interface RemixManifest {
  entry: { module: string; imports?: string[]; css?: string[] };
  routes: Record<string, { id: string; parentId?: string; module: string; imports?: string[]; css?: string[] }>;
}

/** The asset paths a visit to `routeId` loads, in manifest order, without duplicates. */
export function firstVisitAssets(manifest: RemixManifest, routeId: string): string[] {
  const chain: string[] = [];
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) chain.unshift(id);
  if (!manifest.routes[routeId]) throw new Error(`no route ${routeId} in the manifest`);
  const assets = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? []), ...(manifest.entry.css ?? [])]);
  for (const id of chain) {
    const route = manifest.routes[id];
    if (!route) continue;
    for (const asset of [route.module, ...(route.imports ?? []), ...(route.css ?? [])]) assets.add(asset);
  }
  return [...assets];
}

/** Reads `window.__remixManifest={…}` back into an object. */
export function parseManifestScript(source: string): RemixManifest {
  const start = source.indexOf('{');
  const end = source.lastIndexOf('}');
  return JSON.parse(source.slice(start, end + 1)) as RemixManifest;
}
