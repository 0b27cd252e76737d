/** A single-use invitation link for the admin to hand over, when no mail server can deliver it. */
import { useT } from './i18n';

export function InvitationLink({ link }: { link: string }) {
  const t = useT();
  return (
    <div className="mt-2">
      <p className="text-sm">{t('admin.invite.handOver')}</p>
      <code data-testid="invitation-link" className="mt-2 block select-all break-all rounded bg-white p-2 text-sm text-slate-900">
        {link}
      </code>
    </div>
  );
}
