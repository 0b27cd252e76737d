/**
 * The bare Remix app of the page benchmark: the same Remix and the same v3 future flags as the
 * real app, one route with a constant loader, nothing else. Built by `npm run bench -- pages`
 * into bench/bare-remix/build when missing.
 */
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
});
