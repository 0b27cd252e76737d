/** Labelled form controls that show translated field errors next to the field. */
import { getInputProps, useForm, type DefaultValue, type FieldMetadata, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { parseWithZod } from '@conform-to/zod';
import type { InputHTMLAttributes } from 'react';
import type { z, ZodTypeAny } from 'zod';
import { translateError } from '~/lib/i18n';
import { useT } from './i18n';

/**
 * A conform form validated by the same zod schema on the client and the server, so errors appear
 * at once with JavaScript and still arrive from the server without it.
 */
export function useValidatedForm<Schema extends ZodTypeAny>(
  schema: Schema,
  options: { id: string; lastResult?: SubmissionResult<string[]> | null; defaultValue?: DefaultValue<z.input<Schema>> },
) {
  return useForm<z.input<Schema>, z.output<Schema>, string[]>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onSubmit',
    // Re-check while typing once a field has shown an error: a check on blur would move the
    // submit button under the pointer between mouse-down and mouse-up, swallowing the click.
    shouldRevalidate: 'onInput',
  });
}

/** Any conform field whose errors are message keys (its value type does not matter to the markup). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's field types are invariant in their value type
export type AnyField = FieldMetadata<any, any, string[]>;

/** A text-like input bound to a conform field. */
export function FormField({
  field,
  label,
  type,
  hint,
  autoComplete,
  autoFocus,
}: {
  field: AnyField;
  label: string;
  type: 'text' | 'email' | 'password' | 'url' | 'number' | 'date' | 'datetime-local';
  hint?: string;
  autoComplete?: string;
  autoFocus?: boolean;
}) {
  return (
    <Field
      label={label}
      hint={hint}
      errors={field.errors}
      errorId={field.errorId}
      inputProps={{ ...getInputProps(field, { type, ariaAttributes: false }), autoComplete, autoFocus }}
    />
  );
}

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

function controlClass(invalid: boolean): string {
  return `mt-1 block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:outline-none focus:ring-2 ${
    invalid ? 'border-rose-500 focus:ring-rose-400' : 'border-slate-300 focus:border-brand-500 focus:ring-brand-200'
  }`;
}

function describedBy(id: string, hint: string | undefined, field: AnyField): string | undefined {
  return [hint ? `${id}-hint` : undefined, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(' ') || undefined;
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
      {hint}
    </p>
  ) : null;
}

/** A select bound to a conform field; options are value/label pairs. */
export function SelectField({
  field,
  label,
  options,
  hint,
  placeholder,
}: {
  field: AnyField;
  label: string;
  options: readonly { value: string; label: string }[];
  hint?: string;
  placeholder?: string;
}) {
  const invalid = Boolean(field.errors?.length);
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={field.id}
        name={field.name}
        defaultValue={typeof field.initialValue === 'string' ? field.initialValue : ''}
        key={field.key}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field.id, hint, field)}
        className={controlClass(invalid)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={field.id} hint={hint} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextareaField({ field, label, hint, rows = 6 }: { field: AnyField; label: string; hint?: string; rows?: number }) {
  const invalid = Boolean(field.errors?.length);
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={field.id}
        name={field.name}
        defaultValue={typeof field.initialValue === 'string' ? field.initialValue : ''}
        key={field.key}
        rows={rows}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(field.id, hint, field)}
        className={controlClass(invalid)}
      />
      <Hint id={field.id} hint={hint} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A secondary or dangerous action button, for forms with an `intent`. */
export function ActionButton({
  children,
  intent,
  value,
  tone = 'secondary',
  disabled,
}: {
  children: React.ReactNode;
  intent: string;
  value?: string;
  tone?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
}) {
  const tones = {
    primary: 'bg-brand-700 text-white hover:bg-brand-800',
    secondary: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
    danger: 'border border-rose-300 bg-white text-rose-800 hover:bg-rose-50',
  };
  return (
    <button
      type="submit"
      name="intent"
      value={value ? `${intent}:${value}` : intent}
      disabled={disabled}
      className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-50 ${tones[tone]}`}
    >
      {children}
    </button>
  );
}

/** A post form that asks for confirmation first (with JavaScript), for destructive actions. */
export function ConfirmForm({ message, children, className }: { message: string; children: React.ReactNode; className?: string }) {
  return (
    <Form
      method="post"
      className={className}
      onSubmit={(event) => {
        if (!window.confirm(message)) event.preventDefault();
      }}
    >
      {children}
    </Form>
  );
}
