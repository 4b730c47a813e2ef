// The job form's refusals (lib/openai/job-form.ts FormError: a code and its values) as sentences in the UI's
// language: the catalog's `train.form.error.<code>`, the values as its placeholders.
import type { FormError } from '../../lib/openai/job-form';
import type { Translate as T } from '../../lib/i18n/catalog';

/** Why a field of the job form is refused, e.g. "Epochs must be "auto" or a whole number from 1 to 50." */
export function formErrorText(t: T, error: FormError): string {
  const { code, ...params } = error;
  return t(`train.form.error.${code}`, params);
}
