/** Registers a link resource on the dataset management page: name, address, format, description. */
import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { linkResourceSchema } from '~/lib/validation/dataset';
import { ErrorList, FormField, SubmitButton, TextareaField, useValidatedForm } from './forms';
import { useT } from './i18n';

export function LinkResourceForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm(linkResourceSchema, { id: 'link-resource', lastResult });
  const submitting = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'add-link';
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="add-link" />
      <FormField field={fields.name} type="text" label={t('manage.link.name')} />
      <FormField field={fields.url} type="url" label={t('manage.link.url')} autoComplete="off" />
      <FormField field={fields.linkFormat} type="text" label={t('manage.link.format')} hint={t('manage.link.formatHint')} />
      <TextareaField field={fields.description} label={t('manage.link.description')} rows={2} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <div className="max-w-xs">
        <SubmitButton pending={submitting}>{t('manage.link.submit')}</SubmitButton>
      </div>
    </Form>
  );
}
