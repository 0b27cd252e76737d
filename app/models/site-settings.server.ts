/** The site's identity and legal particulars an admin sets in the browser (see SITE_SETTING_KEYS). */
import { getDb } from '../../db/client';
import { siteSettings, SITE_SETTING_KEYS, type SiteSettingKey } from '../../db/tables';

export type SiteSettings = Record<SiteSettingKey, string>;

/** Every setting, empty where none was set. A handful of rows: read whole. */
export async function getSiteSettings(): Promise<SiteSettings> {
  const values = Object.fromEntries(SITE_SETTING_KEYS.map((key) => [key, ''])) as SiteSettings;
  for (const row of await getDb().select().from(siteSettings)) {
    if ((SITE_SETTING_KEYS as readonly string[]).includes(row.key)) values[row.key as SiteSettingKey] = row.value;
  }
  return values;
}

export async function saveSiteSettings(values: SiteSettings, now = new Date()): Promise<void> {
  const db = getDb();
  for (const key of SITE_SETTING_KEYS) {
    await db.insert(siteSettings)
      .values({ key, value: values[key], updatedAt: now })
      .onConflictDoUpdate({ target: siteSettings.key, set: { value: values[key], updatedAt: now } });
  }
}
