/** The fields of a department, shared by the admin's create and edit pages. */
import type { AnyField } from './forms';
import { FormField, TextareaField } from './forms';
import { useT } from './i18n';

export function DepartmentFields({ fields }: { fields: { name: AnyField; code: AnyField; contact: AnyField; description: AnyField; slug?: AnyField } }) {
  const t = useT();
  return (
    <>
      <FormField field={fields.name} type="text" label={t('admin.department.name')} />
      {fields.slug ? <FormField field={fields.slug} type="text" label={t('admin.department.slug')} hint={t('admin.department.slugHint')} /> : null}
      <FormField field={fields.code} type="text" label={t('admin.department.code')} hint={t('admin.department.codeHint')} />
      <FormField field={fields.contact} type="text" label={t('admin.department.contact')} hint={t('admin.department.contactHint')} />
      <TextareaField field={fields.description} label={t('admin.department.description')} rows={3} />
    </>
  );
}
