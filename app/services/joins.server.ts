/**
 * Joins of two served resources, for the join page and /api/v1/joins: the request read and
 * checked (both tables readable by the viewer, the key columns theirs), the re-identification
 * check, and the joined rows with their counts, computed in a worker thread on large tables.
 */
import type { Viewer } from '~/lib/access';
import { DEFAULT_K } from '~/lib/validation/privacy';
import type { CellValue } from '~/models/datastore.server';
import { joinCounts, joinFields, joinHasSmallGroups, joinPage, joinQuasiIdentifiers, type JoinField, type JoinSpec } from '~/models/datastore-joins.server';
import { getReadableResourceById, type ReadableResource } from '~/models/resources.server';
import { LARGE_TABLE_ROWS } from './datastore-access.server';
import { runTask } from './workers/pool.server';

export type JoinProblem =
  | { code: 'missing'; field: 'left' | 'right' | 'on' }
  | { code: 'notFound'; field: 'left' | 'right' }
  | { code: 'unknownColumn'; field: 'on' | 'right_on'; column: string }
  | { code: 'badHow'; field: 'how' };

export interface JoinRequest {
  spec: JoinSpec;
  left: ReadableResource;
  right: ReadableResource;
}

const id = (raw: string | null) => (raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null);

/** Reads `left`, `right`, `on`, `right_on` and `how`; both resources must be readable by the viewer. */
export async function parseJoinRequest(params: URLSearchParams, viewer: Viewer | null): Promise<{ ok: true; request: JoinRequest } | { ok: false; problem: JoinProblem }> {
  const leftId = id(params.get('left'));
  const rightId = id(params.get('right'));
  if (!params.get('left')) return { ok: false, problem: { code: 'missing', field: 'left' } };
  if (!params.get('right')) return { ok: false, problem: { code: 'missing', field: 'right' } };
  const left = leftId === null ? undefined : await getReadableResourceById(leftId, viewer);
  if (!left) return { ok: false, problem: { code: 'notFound', field: 'left' } };
  const right = rightId === null ? undefined : await getReadableResourceById(rightId, viewer);
  if (!right) return { ok: false, problem: { code: 'notFound', field: 'right' } };
  const on = params.get('on') ?? '';
  if (!on) return { ok: false, problem: { code: 'missing', field: 'on' } };
  const rightOn = params.get('right_on') || on;
  if (!left.columns.some((c) => c.name === on)) return { ok: false, problem: { code: 'unknownColumn', field: 'on', column: on } };
  if (!right.columns.some((c) => c.name === rightOn)) return { ok: false, problem: { code: 'unknownColumn', field: 'right_on', column: rightOn } };
  const how = params.get('how') || 'inner';
  if (how !== 'inner' && how !== 'left') return { ok: false, problem: { code: 'badHow', field: 'how' } };
  const side = (r: ReadableResource) => ({ tableName: r.tableName, columns: r.columns, suppression: r.suppression });
  return { ok: true, request: { spec: { left: side(left), right: side(right), on, rightOn, how }, left, right } };
}

/** Joins beyond this many rows are refused: a key repeated on both sides multiplies rows without end. */
export const JOIN_MAX_ROWS = 10_000_000;

export type JoinOutcome =
  | { refused: 'reidentifies'; quasiIdentifiers: string[]; k: number }
  | { refused: 'tooLarge'; total: number; max: number }
  | { refused: false; fields: JoinField[]; total: number; matched: { left: number; right: number }; rows: CellValue[][] };

/**
 * The join's counts and one page of rows, unless it would exceed JOIN_MAX_ROWS or some combination of the quasi-identifiers the
 * departments marked would occur in fewer than k joined rows (k: the larger of theirs and the
 * site's), which could single people out: then it is refused, naming them.
 */
export async function computeJoin(spec: JoinSpec, window: { limit: number; offset: number }): Promise<JoinOutcome> {
  const counts = await joinCounts(spec);
  if (counts.total > JOIN_MAX_ROWS) return { refused: 'tooLarge', total: counts.total, max: JOIN_MAX_ROWS };
  const quasi = joinQuasiIdentifiers(spec, DEFAULT_K);
  if (quasi && await joinHasSmallGroups(spec, quasi)) return { refused: 'reidentifies', quasiIdentifiers: quasi.fields.map((f) => f.name), k: quasi.k };
  return { refused: false, fields: joinFields(spec), ...counts, rows: window.limit > 0 ? await joinPage(spec, window) : [] };
}

/** computeJoin, in a worker thread when either table is large (a join of two 100,000-row tables takes seconds). */
export async function runJoin(request: JoinRequest, window: { limit: number; offset: number }): Promise<JoinOutcome> {
  const large = Math.max(request.left.rowCount, request.right.rowCount) >= LARGE_TABLE_ROWS;
  const spec = { ...request.spec, left: { ...request.spec.left, columns: [...request.spec.left.columns] }, right: { ...request.spec.right, columns: [...request.spec.right.columns] } };
  return large ? runTask('joinTables', { spec, window }) : Promise.resolve(await computeJoin(spec, window));
}
