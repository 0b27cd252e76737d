/**
 * Offset paging with a hard cap: every list shows at most one page, and a page is never larger
 * than the list's own limit whatever the URL asks for.
 */

export interface Paged<T> {
  items: T[];
  /** Rows matching the filters, over every page. */
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** The LIMIT/OFFSET of a page (1-based). */
export function pageWindow(page: number, pageSize: number): { limit: number; offset: number } {
  const safePage = Number.isInteger(page) && page > 0 ? page : 1;
  return { limit: pageSize, offset: (safePage - 1) * pageSize };
}

export function paged<T>(items: T[], total: number, page: number, pageSize: number): Paged<T> {
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/**
 * A page size asked for by an API client, clamped to [1, max]; missing or nonsense gives the
 * default.
 */
export function clampPageSize(requested: number | null | undefined, fallback: number, max: number): number {
  if (requested === null || requested === undefined || !Number.isFinite(requested)) return fallback;
  return Math.max(1, Math.min(max, Math.floor(requested)));
}
