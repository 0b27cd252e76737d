/**
 * Consent to the privacy policy and terms of use in force, with the versions shown, so what the
 * person agreed to is recorded exactly (registration, and again after a new version).
 */
import { getInputProps } from '@conform-to/react';
import { Link } from '@remix-run/react';
import { ErrorList, type AnyField } from './forms';
import { useT } from './i18n';

export function ConsentField({ field, versions, privacyField, termsField }: { field: AnyField; versions: { privacy?: number; terms?: number }; privacyField: AnyField; termsField: AnyField }) {
  const t = useT();
  const invalid = Boolean(field.errors?.length);
  return (
    <div>
      <input {...getInputProps(privacyField, { type: 'hidden', value: false })} value={versions.privacy ?? ''} />
      <input {...getInputProps(termsField, { type: 'hidden', value: false })} value={versions.terms ?? ''} />
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          {...getInputProps(field, { type: 'checkbox', ariaAttributes: false })}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? field.errorId : undefined}
          className="mt-1 h-4 w-4"
        />
        <span>
          {t('consent.agree')}
          {versions.privacy ? (
            <Link to="/legal/privacy" target="_blank">
              {t('consent.privacyLink')}
            </Link>
          ) : null}
          {versions.privacy && versions.terms ? t('consent.and') : null}
          {versions.terms ? (
            <Link to="/legal/terms" target="_blank">
              {t('consent.termsLink')}
            </Link>
          ) : null}
        </span>
      </label>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
