/**
 * Configuration read from the environment. Everything has a working default so a fresh machine
 * needs no configuration; see README "Configuration".
 */
import path from 'node:path';
import { databasePath } from '../../db/client';
import { DEFAULT_TIME_ZONE } from '~/lib/format';

export interface AppConfig {
  isProduction: boolean;
  databaseFile: string;
  /** Directory beside the database holding generated secrets and uploads. */
  dataDir: string;
  /** The site's public origin when known (e.g. https://data.example.gov.cn). */
  publicUrl: URL | null;
  timeZone: string;
}

function parsePublicUrl(raw: string | undefined): URL | null {
  if (!raw?.trim()) return null;
  try {
    return new URL(raw.trim());
  } catch {
    throw new Error(`PUBLIC_URL is not a valid URL: ${raw}`);
  }
}

let cached: AppConfig | undefined;

export function config(): AppConfig {
  if (cached) return cached;
  const databaseFile = databasePath();
  const timeZone = process.env.TIME_ZONE?.trim() || DEFAULT_TIME_ZONE;
  // Fail at start rather than on the first date shown.
  new Intl.DateTimeFormat('en', { timeZone });
  cached = {
    isProduction: process.env.NODE_ENV === 'production',
    databaseFile,
    dataDir: path.dirname(databaseFile),
    publicUrl: parsePublicUrl(process.env.PUBLIC_URL),
    timeZone,
  };
  return cached;
}
