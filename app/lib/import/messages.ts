/** Import failures as English sentences, for API clients (pages show them in the reader's language). */
import { createTranslator, isMessageKey } from '../i18n';

export function createImportErrorMessage(code: string, params: Record<string, string | number>): string {
  const english = createTranslator('en');
  const key = `import.error.${code}`;
  if (code === 'fileRequired') return english('errors.resource.fileRequired');
  return isMessageKey(key) ? english(key, params) : english('import.error.internal');
}
