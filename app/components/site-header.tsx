import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { useOptionalUser, useLocale, useRootData, useT } from './i18n';

function navClass({ isActive }: { isActive: boolean }) {
  return [
    'whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600',
    isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
  ].join(' ');
}

export function Logo() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="h-8 w-8 shrink-0">
      <circle cx="16" cy="13" r="10" className="fill-gold-400" />
      <path d="M12 24h8v2a2 2 0 0 1-2 2h-4a2 2 0 0 1-2-2z" className="fill-brand-800" />
      <path d="M16 7v8m-4-4 4 4 4-4" className="stroke-brand-900" strokeWidth="2" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export function LanguageSwitcher() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Form method="post" action="/locale" reloadDocument>
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button
        type="submit"
        lang={other}
        aria-label={t('locale.switchToLabel')}
        className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {t('locale.switchTo')}
      </button>
    </Form>
  );
}

export function SiteHeader() {
  const t = useT();
  const user = useOptionalUser();
  const { site } = useRootData();
  const location = useLocation();
  const isStaff = user?.role === 'official' || user?.role === 'admin';
  const loginHref =
    location.pathname === '/login' || location.pathname === '/register'
      ? '/login'
      : `/login?${new URLSearchParams({ redirectTo: `${location.pathname}${location.search}` })}`;

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-page flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="flex items-center gap-2 rounded-md focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600">
          <Logo />
          <span className="text-lg font-bold text-slate-900">{site?.siteName || t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="order-last -mx-1 flex w-full gap-1 overflow-x-auto sm:order-none sm:mx-0 sm:w-auto">
          <NavLink to="/challenges" className={navClass}>
            {t('nav.challenges')}
          </NavLink>
          <NavLink to="/datasets" className={navClass}>
            {t('nav.datasets')}
          </NavLink>
          <NavLink to="/map" className={navClass}>
            {t('nav.map')}
          </NavLink>
          <NavLink to="/requests" className={navClass}>
            {t('nav.requests')}
          </NavLink>
          <NavLink to="/adopted" className={navClass}>
            {t('nav.adopted')}
          </NavLink>
          {user ? (
            <NavLink to="/me" className={navClass}>
              {t('nav.me')}
            </NavLink>
          ) : null}
          {isStaff ? (
            <NavLink to="/manage" className={navClass}>
              {t('nav.manage')}
              {user.inboxCount > 0 ? (
                <span className="ml-1 rounded-full bg-rose-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                  <span aria-hidden="true">{user.inboxCount}</span>
                  <span className="sr-only">{t('nav.inboxCount', { count: user.inboxCount })}</span>
                </span>
              ) : null}
            </NavLink>
          ) : null}
          {user?.role === 'admin' ? (
            <NavLink to="/admin" className={navClass}>
              {t('nav.admin')}
            </NavLink>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <LanguageSwitcher />
          {user ? (
            <>
              <Link
                to="/notifications"
                aria-label={user.unreadNotifications > 0 ? t('nav.notificationsUnread', { count: user.unreadNotifications }) : t('nav.notifications')}
                className="relative inline-flex items-center gap-1 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 no-underline hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
                  <path d="M10 2a5 5 0 0 0-5 5v2.6l-1.3 2.6A1 1 0 0 0 4.6 14h10.8a1 1 0 0 0 .9-1.4L15 9.6V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 10 18Z" />
                </svg>
                {user.unreadNotifications > 0 ? (
                  <span data-testid="unread-count" className="rounded-full bg-rose-700 px-1.5 text-xs font-semibold leading-5 text-white">
                    {user.unreadNotifications > 99 ? '99+' : user.unreadNotifications}
                  </span>
                ) : null}
              </Link>
              <span className="hidden max-w-[12rem] truncate text-sm text-slate-700 md:inline" title={t('nav.signedInAs', { name: user.name })}>
                {user.name}
              </span>
              <Form method="post" action="/logout">
                <button
                  type="submit"
                  className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  {t('nav.logout')}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to={loginHref} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
                {t('nav.login')}
              </Link>
              <Link to="/register" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
                {t('nav.register')}
              </Link>
            </>
          )}
        </div>
        <form role="search" action="/search" method="get" className="flex w-full gap-1 sm:w-auto">
          <label htmlFor="site-search" className="sr-only">
            {t('search.label')}
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            maxLength={100}
            defaultValue={location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : ''}
            placeholder={t('search.placeholder')}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm sm:w-44"
          />
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100">
            {t('search.submit')}
          </button>
        </form>
      </div>
    </header>
  );
}
