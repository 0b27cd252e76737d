/**
 * Privacy: what the scan found in each resource, how the department resolved it, and the served
 * (de-identified) table built from those decisions. Nothing with an unresolved finding is served
 * or publishable; the upload itself is seen only by the owning department and can be purged.
 */
import { withProfileCharts } from './datastore-charts.server';
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { transaction } from './transaction.server';
import { datasetResources, datasets, privacyDecisions, privacyFindings, type DatastoreColumn, type PrivacyAction, type PrivacyDetector, type PrivacyParams } from '../../db/tables';
import { canManageDepartment, type Viewer } from '~/lib/access';
import { servedPlan, unresolvedColumns, type PlanDecision, type ServedPlan } from '~/lib/privacy/plan';
import { PrivacyScanner, type PrivacyFinding } from '~/lib/privacy/scanner';
import { transformFor } from '~/lib/privacy/transforms';
import { getSecret } from '~/secrets.server';
import {
  copyTransformedTable,
  datastoreBatches,
  dropDatastoreTable,
  indexDatastoreColumn,
  profileDatastoreTable,
  quasiIdentifierGroups,
  queryDatastore,
  servedTableName,
  suppressSmallGroups,
} from './datastore.server';
import type { ResourceRow } from './resources.server';
import { errorFields, log } from '~/log.server';

export type FindingRow = typeof privacyFindings.$inferSelect;
export type DecisionRow = typeof privacyDecisions.$inferSelect;

export async function listFindings(resourceId: number): Promise<FindingRow[]> {
  return await getDb().select().from(privacyFindings).where(eq(privacyFindings.resourceId, resourceId)).orderBy(asc(privacyFindings.id));
}

export async function listDecisions(resourceId: number): Promise<DecisionRow[]> {
  return await getDb().select().from(privacyDecisions).where(eq(privacyDecisions.resourceId, resourceId)).orderBy(asc(privacyDecisions.id));
}

async function keyColumnsOf(datasetId: number): Promise<string[]> {
  return ((await getDb().select({ keys: datasets.keyColumns }).from(datasets).where(eq(datasets.id, datasetId)).limit(1))[0]?.keys ?? []).map((k) => k.column);
}

let lastStamp = 0;

/** Distinct, increasing suffixes: two builds in one millisecond must not share (and drop) a table name. */
function nextStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

export interface ServedVersion {
  tableName: string;
  columns: DatastoreColumn[];
  rowCount: number;
}

/**
 * What to serve from an uploaded table under the current decisions: the upload itself, a freshly
 * built de-identified copy, or nothing while findings are unresolved.
 */
export async function buildServedVersion(args: {
  datasetId: number;
  rawTableName: string;
  rawColumns: DatastoreColumn[];
  rawRowCount: number;
  findings: readonly { column: string; detector: PrivacyDetector }[];
  decisions: readonly PlanDecision[];
  suppression: { columns: string[]; k: number } | null;
}): Promise<{ plan: ServedPlan; served: ServedVersion | null }> {
  const plan = servedPlan({ columns: args.rawColumns, findings: args.findings, decisions: args.decisions, suppression: args.suppression });
  if (plan.kind === 'blocked') return { plan, served: null };
  if (plan.kind === 'asUploaded') {
    return { plan, served: { tableName: args.rawTableName, columns: await withProfileCharts(args.rawTableName, args.rawColumns, args.rawRowCount), rowCount: args.rawRowCount } };
  }
  const target = servedTableName(args.rawTableName, nextStamp());
  const pseudonymKey = getSecret('pseudonym');
  try {
    await copyTransformedTable({
      source: args.rawTableName,
      target,
      columns: plan.columns.map((c) => ({ name: c.name, from: c.name, type: c.type, transform: c.decision ? transformFor(c.decision, pseudonymKey) : undefined })),
    });
    if (plan.suppression) await suppressSmallGroups(target, plan.suppression.columns, plan.suppression.k);
    // Profiles are recomputed from what is served: the upload's top values or extremes could be
    // exactly the personal values that were masked or the rows that were suppressed.
    const { rowCount, profiles } = await profileDatastoreTable(target, plan.columns);
    const sources = new Map(args.rawColumns.map((c) => [c.name, c]));
    const columns: DatastoreColumn[] = plan.columns.map((c, i) => {
      const raw = sources.get(c.name);
      return {
        name: c.name,
        source: raw?.source ?? c.name,
        type: c.type,
        ...(raw?.label ? { label: raw.label } : {}),
        ...(raw?.description ? { description: raw.description } : {}),
        ...(profiles[i] ? { profile: profiles[i] } : {}),
      };
    });
    for (const key of await keyColumnsOf(args.datasetId)) if (columns.some((c) => c.name === key)) await indexDatastoreColumn(target, key);
    return { plan, served: { tableName: target, columns: await withProfileCharts(target, columns, rowCount), rowCount } };
  } catch (error) {
    await dropDatastoreTable(target);
    throw error;
  }
}

export function asPlanDecision(row: DecisionRow): PlanDecision {
  return { column: row.column, action: row.action, params: row.params, detectors: row.detectors };
}

/** Rebuilds and purges run one at a time, so two quick decisions never race to swap tables. */
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Applies the current decisions to the resource's upload and swaps the result in as the served
 * table (or serves nothing while findings are unresolved). The previous served copy is dropped.
 */
export function refreshServedTable(resourceId: number): Promise<ServedPlan['kind'] | 'noUpload'> {
  const run = async (): Promise<ServedPlan['kind'] | 'noUpload'> => {
    const resource = (await getDb().select().from(datasetResources).where(eq(datasetResources.id, resourceId)).limit(1))[0];
    if (!resource?.rawTableName) return 'noUpload';
    const { plan, served } = await buildServedVersion({
      datasetId: resource.datasetId,
      rawTableName: resource.rawTableName,
      rawColumns: resource.rawColumns,
      rawRowCount: resource.rawRowCount ?? 0,
      findings: await listFindings(resourceId),
      decisions: (await listDecisions(resourceId)).map(asPlanDecision),
      suppression: resource.suppression ?? null,
    });
    await transaction(async (tx) => {
      const current = (await tx.select().from(datasetResources).where(eq(datasetResources.id, resourceId)).limit(1))[0];
      // A new upload landed meanwhile: its own import already decided what to serve.
      if (!current || current.rawTableName !== resource.rawTableName) {
        if (served && served.tableName !== resource.rawTableName) await dropDatastoreTable(served.tableName);
        return;
      }
      await tx.update(datasetResources)
        .set({ tableName: served?.tableName ?? null, columns: served?.columns ?? [], rowCount: served?.rowCount ?? null, updatedAt: new Date() })
        .where(eq(datasetResources.id, resourceId));
      if (current.tableName && current.tableName !== current.rawTableName && current.tableName !== served?.tableName) await dropDatastoreTable(current.tableName);
    });
    return plan.kind;
  };
  return serialized(run);
}

// ---------------------------------------------------------------------------------------------
// The department's side

async function managedResource(viewer: Viewer, resourceId: number): Promise<(ResourceRow & { departmentId: number; datasetSlug: string }) | undefined> {
  const row = (await getDb()
    .select({ resource: datasetResources, departmentId: datasets.departmentId, datasetSlug: datasets.slug })
    .from(datasetResources)
    .innerJoin(datasets, eq(datasetResources.datasetId, datasets.id))
    .where(eq(datasetResources.id, resourceId)).limit(1))[0];
  if (!row || !canManageDepartment(viewer, row.departmentId)) return undefined;
  return { ...row.resource, departmentId: row.departmentId, datasetSlug: row.datasetSlug };
}

/** The upload itself is for the owning department's officials only: not even admins see it. */
function ownsUpload(viewer: Viewer, departmentId: number): boolean {
  return viewer.role === 'official' && viewer.departmentId === departmentId;
}

/** Everything the resource's privacy page shows: findings, decisions, status and (for its department) a raw preview. */
export async function getPrivacyReview(viewer: Viewer, resourceId: number) {
  const resource = await managedResource(viewer, resourceId);
  if (!resource) return undefined;
  const findings = await listFindings(resourceId);
  const decisions = await listDecisions(resourceId);
  const unresolved = unresolvedColumns(resource.rawColumns, findings, decisions);
  const owner = ownsUpload(viewer, resource.departmentId);
  const rawPreview =
    owner && resource.rawTableName && resource.rawColumns.length > 0
      ? (await queryDatastore(resource.rawTableName, resource.rawColumns, { filters: [], sort: [], q: '', limit: 10, offset: 0 }, resource.rawRowCount ?? 0)).rows
      : [];
  return {
    resource: {
      id: resource.id,
      name: resource.name,
      datasetSlug: resource.datasetSlug,
      served: resource.tableName !== null,
      servedIsUpload: resource.tableName !== null && resource.tableName === resource.rawTableName,
      rawAvailable: resource.rawTableName !== null,
      rawVisible: owner,
      rawRowCount: resource.rawRowCount,
      rowCount: resource.rowCount,
      rawColumns: resource.rawColumns.map((c) => ({ name: c.name, type: c.type })),
      columns: resource.columns.map((c) => ({ name: c.name, type: c.type })),
      suppression: resource.suppression ?? null,
    },
    findings: findings.map((f) => ({ column: f.column, detector: f.detector, share: f.share, matched: f.matched, nonEmpty: f.nonEmpty, basis: f.basis, examples: f.examples })),
    decisions: decisions.map((d) => ({ column: d.column, action: d.action, params: d.params, reason: d.reason, decidedAt: d.decidedAt })),
    unresolved,
    rawPreview,
  };
}

export type DecisionProblem = 'unknownColumn' | 'rawPurged';

export interface DecisionInput {
  column: string;
  action: PrivacyAction;
  params: PrivacyParams;
  reason: string;
}

/**
 * Records the department's decision for a column. What is served changes only when
 * refreshServedTable rebuilds it; the decision it replaced comes back so that a failed rebuild
 * can put it back (restoreDecision). Undefined when the viewer does not manage the resource.
 */
export async function recordDecision(
  viewer: Viewer,
  resourceId: number,
  decision: DecisionInput,
): Promise<{ ok: true; detectors: PrivacyDetector[]; previous: DecisionRow | undefined } | { ok: false; problem: DecisionProblem } | undefined> {
  const resource = await managedResource(viewer, resourceId);
  if (!resource) return undefined;
  if (!resource.rawTableName) return { ok: false, problem: 'rawPurged' };
  if (!resource.rawColumns.some((c) => c.name === decision.column)) return { ok: false, problem: 'unknownColumn' };
  const now = new Date();
  const detectors = [...new Set((await listFindings(resourceId)).filter((f) => f.column === decision.column).map((f) => f.detector))];
  const previous = (await listDecisions(resourceId)).find((d) => d.column === decision.column);
  await getDb()
    .insert(privacyDecisions)
    .values({ resourceId, column: decision.column, action: decision.action, params: decision.params, reason: decision.reason, detectors, decidedBy: viewer.id, decidedAt: now })
    .onConflictDoUpdate({
      target: [privacyDecisions.resourceId, privacyDecisions.column],
      set: { action: decision.action, params: decision.params, reason: decision.reason, detectors, decidedBy: viewer.id, decidedAt: now },
    });
  return { ok: true, detectors, previous };
}

/** Takes a decision back (a flagged column blocks again until decided anew); answers the removed decision. */
export async function removeDecision(viewer: Viewer, resourceId: number, column: string): Promise<{ ok: true; removed: DecisionRow } | { ok: false; problem: 'rawPurged' | 'noDecision' } | undefined> {
  const resource = await managedResource(viewer, resourceId);
  if (!resource) return undefined;
  if (!resource.rawTableName) return { ok: false, problem: 'rawPurged' };
  const [removed] = await getDb()
    .delete(privacyDecisions)
    .where(and(eq(privacyDecisions.resourceId, resourceId), eq(privacyDecisions.column, column)))
    .returning();
  return removed ? { ok: true, removed } : { ok: false, problem: 'noDecision' };
}

/**
 * Puts a column's decision back as it was before a change whose rebuild failed (`previous`
 * undefined: there was none), so that what is on record is what is served.
 */
export async function restoreDecision(resourceId: number, column: string, previous: DecisionRow | undefined): Promise<void> {
  await transaction(async (tx) => {
    await tx.delete(privacyDecisions).where(and(eq(privacyDecisions.resourceId, resourceId), eq(privacyDecisions.column, column)));
    if (previous) await tx.insert(privacyDecisions).values(previous);
  });
}

/** k-anonymity of what is served (or, while nothing is, of the upload) on the chosen quasi-identifiers. */
export async function kAnonymityReport(viewer: Viewer, resourceId: number, columns: string[], k: number) {
  const resource = await managedResource(viewer, resourceId);
  if (!resource) return undefined;
  const onServed = resource.tableName !== null;
  // Group counts of the upload reveal raw values: only its department may ask before anything is served.
  if (!onServed && !ownsUpload(viewer, resource.departmentId)) return { onServed, columns: [], k, result: null };
  const table = resource.tableName ?? resource.rawTableName;
  const available = new Set((onServed ? resource.columns : resource.rawColumns).map((c) => c.name));
  const chosen = columns.filter((c) => available.has(c));
  if (!table || chosen.length === 0) return { onServed, columns: chosen, k, result: null };
  return { onServed, columns: chosen, k, result: await quasiIdentifierGroups(table, chosen, k) };
}

export type Suppression = { columns: string[]; k: number } | null;

/**
 * Leaves out of the served table the rows in groups smaller than k (or stops doing so) from the
 * next rebuild on. Answers the setting it replaced, for a failed rebuild to put back.
 */
export async function recordSuppression(viewer: Viewer, resourceId: number, suppression: Suppression): Promise<{ ok: true; previous: Suppression } | { ok: false; problem: 'rawPurged' | 'suppressionInvalid' } | undefined> {
  const resource = await managedResource(viewer, resourceId);
  if (!resource) return undefined;
  if (!resource.rawTableName) return { ok: false, problem: 'rawPurged' };
  const known = new Set(resource.rawColumns.map((c) => c.name));
  if (suppression && (suppression.columns.length === 0 || suppression.columns.some((c) => !known.has(c)))) return { ok: false, problem: 'suppressionInvalid' };
  await storeSuppression(resourceId, suppression);
  return { ok: true, previous: resource.suppression ?? null };
}

/** Sets the resource's suppression as given; also how a failed rebuild puts the previous one back. */
export async function storeSuppression(resourceId: number, suppression: Suppression): Promise<void> {
  await getDb().update(datasetResources).set({ suppression, updatedAt: new Date() }).where(eq(datasetResources.id, resourceId));
}

/**
 * Runs `task` once every rebuild queued before it has finished, and holds back the rebuilds
 * queued after it: a purge must not pull the upload from under a rebuild that reads it.
 */
export function afterRebuilds<T>(task: () => Promise<T>): Promise<T> {
  return serialized(task);
}

/**
 * Deletes the upload's table (the caller deletes its stored file once this has committed) when a
 * de-identified copy is what is served. Afterwards decisions can only change with a new upload.
 * Only the owning department's officials may ('notOwner'); call it through afterRebuilds.
 */
export async function purgeRawUpload(viewer: Viewer, resourceId: number): Promise<{ ok: true; table: string; storageKey: string | null } | { ok: false; problem: 'notOwner' | 'notDeidentified' } | undefined> {
  const resource = await managedResource(viewer, resourceId);
  if (!resource) return undefined;
  if (!ownsUpload(viewer, resource.departmentId)) return { ok: false, problem: 'notOwner' };
  if (!resource.rawTableName || !resource.tableName || resource.tableName === resource.rawTableName) return { ok: false, problem: 'notDeidentified' };
  const raw = resource.rawTableName;
  // The upload's profiles (top values, extremes) and finding examples go too: they came from raw values.
  const rawColumns = resource.rawColumns.map(({ profile: _profile, ...column }) => column);
  await transaction(async (tx) => {
    await tx.update(datasetResources).set({ rawTableName: null, rawColumns, storageKey: null, updatedAt: new Date() }).where(eq(datasetResources.id, resourceId));
    await tx.update(privacyFindings).set({ examples: [] }).where(eq(privacyFindings.resourceId, resourceId));
    await dropDatastoreTable(raw);
  });
  return { ok: true, table: raw, storageKey: resource.storageKey };
}

/** Resources of a dataset whose findings are unresolved, with the columns that block publication. */
export async function blockingColumns(datasetId: number): Promise<{ resourceId: number; resourceName: string; columns: string[] }[]> {
  const resources = await getDb().select().from(datasetResources).where(eq(datasetResources.datasetId, datasetId)).orderBy(asc(datasetResources.position), asc(datasetResources.id));
  if (resources.length === 0) return [];
  const ids = resources.map((r) => r.id);
  const findings = await getDb().select({ resourceId: privacyFindings.resourceId, column: privacyFindings.column, detector: privacyFindings.detector }).from(privacyFindings).where(inArray(privacyFindings.resourceId, ids));
  const decisions = await getDb()
    .select({ resourceId: privacyDecisions.resourceId, column: privacyDecisions.column, action: privacyDecisions.action, detectors: privacyDecisions.detectors })
    .from(privacyDecisions).where(inArray(privacyDecisions.resourceId, ids));
  return resources
    .map((r) => ({
      resourceId: r.id,
      resourceName: r.name,
      columns: unresolvedColumns(
        r.rawColumns,
        findings.filter((f) => f.resourceId === r.id),
        decisions.filter((d) => d.resourceId === r.id),
      ),
    }))
    .filter((r) => r.columns.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Tables imported before the privacy scan existed

/** Served tables imported before the privacy scan existed: never scanned (app/actions/privacy.server.ts scans them on start-up). */
export async function listUnscannedResources(): Promise<ResourceRow[]> {
  return await getDb()
    .select()
    .from(datasetResources)
    .where(and(isNull(datasetResources.rawTableName), isNotNull(datasetResources.tableName), sql`${datasetResources.rawColumns} = '[]'`));
}

/**
 * Scans an unscanned table. One that cannot be read cannot be vouched for: it stops being served
 * at once, and the answer is undefined.
 */
export async function scanServedTable(resource: ResourceRow): Promise<PrivacyFinding[] | undefined> {
  const table = resource.tableName as string;
  const names = resource.columns.map((c) => c.name);
  const scanner = new PrivacyScanner(names);
  try {
    for await (const batch of datastoreBatches(table, names)) scanner.observe(batch);
  } catch (error) {
    log.error(errorFields(error), `privacy scan of resource ${resource.id} failed`);
    await getDb().update(datasetResources).set({ tableName: null, columns: [], rowCount: null }).where(eq(datasetResources.id, resource.id));
    return undefined;
  }
  return scanner.findings();
}

/**
 * Records what the scan of an older table found, exactly as a fresh upload's import would: the
 * table becomes the upload, and with findings nothing is served after the next refreshServedTable
 * until its department decides.
 */
export async function recordScanOfServedTable(resource: ResourceRow, findings: PrivacyFinding[]): Promise<void> {
  const now = new Date();
  await transaction(async (tx) => {
    await tx.update(datasetResources)
      .set({ rawTableName: resource.tableName, rawColumns: resource.columns, rawRowCount: resource.rowCount })
      .where(eq(datasetResources.id, resource.id));
    await tx.delete(privacyFindings).where(eq(privacyFindings.resourceId, resource.id));
    for (const f of findings) {
      await tx.insert(privacyFindings)
        .values({ resourceId: resource.id, column: f.column, detector: f.detector, matched: f.matched, nonEmpty: f.nonEmpty, share: f.share, basis: f.basis, examples: f.examples, createdAt: now });
    }
  });
}

// ---------------------------------------------------------------------------------------------
