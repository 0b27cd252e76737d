/**
 * The filter bar of every list (datasets, challenges, data requests, the audit log, the outbox): a GET form, so a
 * filtered list is a link to share and works without JavaScript, with labelled fields and one
 * "apply" button.
 */
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useT } from './i18n';

export interface FilterOption {
  value: string;
  label: string;
}

export function FilterBar({ children, label, className = 'mt-6', after, submitLabel }: { children: ReactNode; label?: string; className?: string; after?: ReactNode; submitLabel?: string }) {
  const t = useT();
  return (
    <Form method="get" className={`${className} flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4`} aria-label={label}>
      {children}
      <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
        {submitLabel ?? t('datasets.applyFilters')}
      </button>
      {after}
    </Form>
  );
}

/** A select of the bar. With `anyLabel`, an empty first option means "no filter". */
export function FilterSelect({ id, label, value, options, anyLabel }: { id: string; label: string; value?: string; options: readonly FilterOption[]; anyLabel?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} name={id} defaultValue={value ?? ''} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterSearch({ id = 'q', label, value, placeholder }: { id?: string; label: string; value?: string; placeholder?: string }) {
  return (
    <div className="min-w-[12rem] flex-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} name={id} type="search" defaultValue={value ?? ''} placeholder={placeholder} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
    </div>
  );
}

/** A text, e-mail or date field of the bar. */
export function FilterInput({ id, label, value, type = 'text', placeholder, describedBy }: { id: string; label: string; value?: string; type?: 'text' | 'email' | 'date'; placeholder?: string; describedBy?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} name={id} type={type} defaultValue={value ?? ''} placeholder={placeholder} aria-describedby={describedBy} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
    </div>
  );
}
