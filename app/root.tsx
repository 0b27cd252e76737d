import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react';
import type { ReactNode } from 'react';
import { GeneralErrorBoundary } from './components/error-boundary';
import { useRootData, useT, type RootData } from './components/i18n';
import { useNonce } from './components/nonce';
import { SiteFooter } from './components/site-footer';
import { SiteHeader } from './components/site-header';
import { createTranslator } from './lib/i18n';
import { config } from './config.server';
import { getLocale } from './services/locale.server';
import { getUser } from './services/session.server';
import { unreadCount } from './models/notifications.server';
import { getSiteSettings } from './models/site-settings.server';
import { inboxCount } from './models/inbox.server';
import { pendingConsents } from './models/legal.server';
import { ConsentBanner } from './components/consent-banner';
import stylesheet from './tailwind.css?url';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.ico', sizes: '32x32' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([getLocale(request), getUser(request)]);
  return {
    locale,
    timeZone: config().timeZone,
    user: user
      ? {
          id: user.id,
          name: user.name,
          role: user.role,
          departmentName: user.departmentName,
          unreadNotifications: await unreadCount(user.id),
          inboxCount: user.role === 'participant' ? 0 : await inboxCount(user),
          consentPending: (await pendingConsents(user.id)).length > 0,
        }
      : null,
    site: await getSiteSettings(),
  } satisfies RootData;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = createTranslator(data?.locale ?? 'zh-CN');
  return [
    { title: `${t('app.name')} · ${t('app.tagline')}` },
    { name: 'description', content: t('app.description') },
  ];
};

export function Layout({ children }: { children: ReactNode }) {
  const { locale } = useRootData();
  const nonce = useNonce();
  const t = useT();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
        >
          {t('app.skipToContent')}
        </a>
        <SiteHeader />
        <ConsentBanner />
        <main id="main" className="flex-1">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
