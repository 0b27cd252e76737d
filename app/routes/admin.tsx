/** The admin console's frame: its sections, for admins only (each page checks again in its own loader). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { useT } from '~/components/i18n';
import type { MessageKey } from '~/lib/i18n';
import { requireRole } from '~/services/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['admin']);
  return null;
}

const SECTIONS: readonly { to: string; label: MessageKey; end?: boolean }[] = [
  { to: '/admin', label: 'admin.nav.overview', end: true },
  { to: '/admin/departments', label: 'admin.nav.departments' },
  { to: '/admin/people', label: 'admin.nav.people' },
  { to: '/admin/site', label: 'admin.nav.site' },
  { to: '/admin/legal', label: 'admin.nav.legal' },
  { to: '/admin/outbox', label: 'outbox.title' },
  { to: '/admin/audit', label: 'audit.title' },
  { to: '/admin/system', label: 'system.title' },
];

export default function AdminLayout() {
  const t = useT();
  return (
    <>
      <nav aria-label={t('admin.nav.label')} className="border-b border-slate-200 bg-slate-50">
        <ul className="mx-auto flex max-w-page gap-1 overflow-x-auto px-4 py-2">
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink
                to={section.to}
                end={section.end}
                className={({ isActive }) =>
                  `block whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? 'bg-white text-brand-800 shadow-sm' : 'text-slate-700 hover:bg-white'}`
                }
              >
                {t(section.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
