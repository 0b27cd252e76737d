/** The state of an account at a glance, for the admin: deactivated, invited, unverified, without a second factor. */
import { useT } from './i18n';

export function PersonStatus({ person }: { person: { disabledAt: string | Date | null; invitationPending: boolean; emailVerified: boolean; twoFactorEnabled: boolean; role: string } }) {
  const t = useT();
  const labels = [
    person.disabledAt ? t('admin.people.state.disabled') : null,
    person.invitationPending ? t('admin.people.state.invited') : !person.emailVerified ? t('admin.people.state.unverified') : null,
    person.role !== 'participant' && !person.twoFactorEnabled && !person.invitationPending ? t('admin.people.state.noTwoFactor') : null,
  ].filter((label): label is string => label !== null);
  if (labels.length === 0) return <span className="text-slate-600">{t('admin.people.state.active')}</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {labels.map((label) => (
        <span key={label} className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
          {label}
        </span>
      ))}
    </span>
  );
}
