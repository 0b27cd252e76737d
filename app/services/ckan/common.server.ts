/**
 * What every CKAN action shares: the caller's context, CKAN's error, reading loosely typed
 * parameters as CKAN clients send them, and finding a package or resource by id or name.
 */
import type { Viewer } from '~/lib/access';
import type { Actor } from '~/lib/result';
import { getDatasetForViewer, getDatasetSlugById, getDatasetSlugByUuid } from '~/models/datasets.server';
import { getDepartmentById, getDepartmentBySlug, getDepartmentByUuid } from '~/models/departments.server';
import { resourceIdByUuid } from '~/models/resources.server';
import type { SessionUser } from '~/models/users.server';
import type { StoredUpload } from '../uploads.server';
import { packageDict } from './dicts.server';

export interface CkanContext {
  origin: string;
  user: SessionUser | null;
  /** Whether the caller authenticated with an API token (and not the browser session). */
  viaToken: boolean;
  ip: string | null;
  upload: StoredUpload | null;
  /** Set once the upload was handed to the importer, which then owns the file. */
  uploadTaken?: boolean;
}

export class CkanError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'Not Found Error' | 'Authorization Error' | 'Validation Error' | 'Bad request',
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export type Input = Record<string, unknown>;

export function text(input: Input, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function integer(input: Input, key: string, fallback: number, max: number): number {
  const raw = text(input, key);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw.trim())) throw new CkanError(409, 'Validation Error', `Invalid ${key}`, { [key]: ['Invalid integer'] });
  return Math.min(Number(raw), max);
}

export function boolish(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

export function jsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Writes need an API token. A browser session is not enough: the web forms ask for the second
 * factor before publishing, and the API must not be a way around that.
 */
export function requireWriter(context: CkanContext): SessionUser {
  if (!context.user || !context.viaToken) throw new CkanError(403, 'Authorization Error', 'Access denied: a valid API token is required');
  if (context.user.role !== 'official' && context.user.role !== 'admin') {
    throw new CkanError(403, 'Authorization Error', 'Access denied: only department officials may publish data');
  }
  return context.user;
}

export const SITE_TITLE = '金点子 Jindianzi';
export const SITE_DESCRIPTION = 'Open government data and data-use challenges';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A resource's numeric id from what a client sent: its UUID, or the numeric id of older links. */
export async function resourceIdFrom(raw: string): Promise<number | undefined> {
  if (/^\d{1,12}$/.test(raw)) return Number(raw);
  return UUID_PATTERN.test(raw) ? await resourceIdByUuid(raw.toLowerCase()) : undefined;
}

export async function findPackage(idOrName: string | undefined, viewer: Viewer | null) {
  if (!idOrName) throw new CkanError(409, 'Validation Error', 'Missing value', { id: ['Missing value'] });
  const slug = /^\d+$/.test(idOrName)
    ? (await getDatasetSlugById(Number(idOrName)) ?? idOrName)
    : UUID_PATTERN.test(idOrName)
      ? (await getDatasetSlugByUuid(idOrName.toLowerCase()) ?? idOrName)
      : idOrName;
  const dataset = await getDatasetForViewer({ slug, viewer });
  if (!dataset) throw new CkanError(404, 'Not Found Error', 'Not found');
  return dataset;
}

/** An organization by its name (the department's slug) or its UUID. */
export async function departmentByNameOrId(nameOrId: string) {
  return UUID_PATTERN.test(nameOrId) ? await getDepartmentByUuid(nameOrId.toLowerCase()) : await getDepartmentBySlug(nameOrId);
}

export async function showPackage(idOrName: string | undefined, context: CkanContext) {
  const dataset = await findPackage(idOrName, context.user);
  const department = await getDepartmentById(dataset.departmentId);
  if (!department) throw new CkanError(404, 'Not Found Error', 'Not found');
  return packageDict(dataset, department, context.origin);
}


export function ckanActor(user: SessionUser, context: CkanContext): Actor<SessionUser> {
  return { user, ip: context.ip, via: 'ckan' };
}

/** organization_list's and group_list's sort: "name asc" (the default), "title desc", "package_count desc". */
export function sortOrganizations<T extends { slug: string; name: string; publishedCount: number }>(list: T[], raw: string | undefined): T[] {
  const [field = 'name', direction = 'asc'] = (raw ?? 'name asc').trim().split(/\s+/);
  const key = field === 'title' ? (d: T) => d.name : field === 'package_count' ? (d: T) => d.publishedCount : field === 'name' ? (d: T) => d.slug : null;
  if (!key || !['asc', 'desc'].includes(direction.toLowerCase())) throw new CkanError(409, 'Validation Error', 'sort must be name, title or package_count with asc or desc', { sort: ['Invalid sort'] });
  const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
  return [...list].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
}
