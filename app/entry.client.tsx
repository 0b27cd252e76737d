import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { registerCatalog } from './lib/i18n';

/**
 * Only the page's language is downloaded (each catalogue is its own chunk), and it is registered
 * before React hydrates, so the first client render says exactly what the server rendered.
 */
async function loadCatalog(): Promise<void> {
  if (document.documentElement.lang === 'en') registerCatalog('en', (await import('./locales/en')).en);
  else registerCatalog('zh-CN', (await import('./locales/zh-CN')).zhCN);
}

void loadCatalog().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
