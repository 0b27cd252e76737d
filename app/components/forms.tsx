/** Labelled form controls that show translated field errors next to the field. */
import type { InputHTMLAttributes } from 'react';
import { translateError } from '~/lib/i18n';
import { useT } from './i18n';

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-rose-700">
      {errors.map((error) => (
        <li key={error}>{translateError(t, error)}</li>
      ))}
    </ul>
  );
}

export function Field({
  label,
  hint,
  errors,
  errorId,
  inputProps,
}: {
  label: string;
  hint?: string;
  errors?: string[] | null;
  errorId: string;
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string; key?: string | number };
}) {
  // conform passes a `key` to remount the input when its default value changes.
  const { key, ...props } = inputProps;
  const hintId = hint ? `${props.id}-hint` : undefined;
  const invalid = Boolean(errors?.length);
  const describedBy = [hintId, invalid ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={props.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        key={key}
        {...props}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:outline-none focus:ring-2 ${
          invalid ? 'border-rose-500 focus:ring-rose-400' : 'border-slate-300 focus:border-brand-500 focus:ring-brand-200'
        }`}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function SubmitButton({ children, pending }: { children: React.ReactNode; pending?: boolean }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60"
    >
      {children}
    </button>
  );
}
