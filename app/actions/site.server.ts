/** The site's identity and legal particulars (footer, 备案 numbers), set by admins. */
import { forbidden, ok, type Actor, type Result } from '~/lib/result';
import { getSiteSettings, saveSiteSettings, type SiteSettings } from '~/models/site-settings.server';
import { transaction } from '~/models/transaction.server';
import { audit } from './audit.server';
import { isOperator } from './operators.server';

export async function updateSiteSettings(actor: Actor, values: SiteSettings): Promise<Result<void>> {
  if (!isOperator(actor)) return forbidden();
  return await transaction(async () => {
    const before = await getSiteSettings();
    await saveSiteSettings(values);
    const changed = (Object.keys(values) as (keyof SiteSettings)[]).filter((key) => before[key] !== values[key]);
    await audit(actor, { action: 'site.settings_update', targetType: 'site', details: { changed } });
    return ok();
  });
}
