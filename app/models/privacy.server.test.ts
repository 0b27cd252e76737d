import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { twoDepartments } from '../../tests/helpers/factories';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { datasetResources, privacyDecisions, privacyFindings } from '../../db/tables';
import { decideColumn as decide, scanUnscannedResources } from '~/actions/privacy.server';
import type { Viewer } from '~/lib/access';
import { residentIdCheckDigit } from '~/lib/privacy/detectors';
import { queueUpload } from '~/services/import/queue-upload.server';
import { storeStream } from '~/services/uploads.server';
import { listDatastoreTables, queryDatastore } from './datastore.server';
import { getPrivacyReview, listFindings, type DecisionInput } from './privacy.server';
import { getImportJob, getResource } from './resources.server';

const id = (first17: string) => first17 + residentIdCheckDigit(first17);
const IDS = Array.from({ length: 10 }, (_, i) => id(`330102198503${10 + i}00${i}`));
const CSV = `姓名,证件号码,电话,街道\n${IDS.map((v, i) => `${['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴霞'][i]},${v},1390000000${i},城东街道`).join('\n')}\n`;

const SYSTEM = { user: null, ip: null, via: 'system' } as const;

let official: Viewer;
let other: Viewer;
let datasetId: number;

beforeAll(async () => {
  await applyMigrations(getDb());
  ({ owner: official, other, datasetId } = await twoDepartments('model'));
});

async function importCsv(csv: string, resourceId?: number): Promise<number> {
  const upload = await storeStream([Buffer.from(csv)], { filename: 'list.csv', contentType: 'text/csv' }, 1024 * 1024);
  const queued = await queueUpload({ datasetId, viewer: official, upload, resourceId });
  if (!queued.ok) throw new Error(queued.code);
  await queued.done;
  expect((await getImportJob(queued.jobId))?.status).toBe('succeeded');
  return queued.resourceId;
}

/** The department's decision, as the privacy page makes it (app/actions/privacy.server.ts). */
async function decideColumn(viewer: Viewer, resourceId: number, decision: DecisionInput) {
  return await decide({ user: viewer, ip: null, via: 'web' }, resourceId, decision);
}

async function servedRows(resourceId: number) {
  const resource = await getResource(resourceId);
  if (!resource?.tableName) return null;
  return (await queryDatastore(resource.tableName, resource.columns, { filters: [], sort: [], q: '', limit: 100, offset: 0 })).rows;
}

describe('privacy decisions', () => {
  let resourceId = 0;

  it('serves nothing from an upload with unresolved findings', async () => {
    resourceId = await importCsv(CSV);
    expect((await listFindings(resourceId)).map((f) => [f.column, f.detector])).toEqual([
      ['姓名', 'name'],
      ['证件号码', 'idCard'],
      ['电话', 'mobile'],
    ]);
    expect(await servedRows(resourceId)).toBeNull();
    expect(await getPrivacyReview(other, resourceId)).toBeUndefined();
    expect((await getPrivacyReview(official, resourceId))?.unresolved).toEqual(['姓名', '证件号码', '电话']);
  });

  it('builds a de-identified copy once every flagged column is decided, keeping the upload', async () => {
    expect(await decideColumn(other, resourceId, { column: '姓名', action: 'drop', params: {}, reason: '' })).toMatchObject({ ok: false, problem: { kind: 'notFound' } });
    await decideColumn(official, resourceId, { column: '姓名', action: 'mask', params: { keepStart: 1, keepEnd: 0 }, reason: '' });
    await decideColumn(official, resourceId, { column: '证件号码', action: 'generalise', params: { to: 'birthYearRegion' }, reason: '' });
    expect(await servedRows(resourceId)).toBeNull();
    const outcome = await decideColumn(official, resourceId, { column: '电话', action: 'drop', params: {}, reason: '' });
    expect(outcome).toEqual({ ok: true, value: { outcome: 'derived' } });
    const rows = await servedRows(resourceId) ?? [];
    expect(rows[0]).toEqual({ _id: 1, 姓名: '张*', 证件号码: '1985 · 330100', 街道: '城东街道' });
    const resource = await getResource(resourceId);
    expect(resource?.rawTableName).not.toBe(resource?.tableName);
    expect(await listDatastoreTables()).toEqual(expect.arrayContaining([resource?.rawTableName, resource?.tableName]));
  });

  it('applies the decisions to the next upload of the same table and drops the old tables', async () => {
    const before = await getResource(resourceId);
    await importCsv(CSV.replace('张伟', '孙丽'), resourceId);
    const after = await getResource(resourceId);
    expect((await servedRows(resourceId))?.[0]).toMatchObject({ 姓名: '孙*' });
    const tables = await listDatastoreTables();
    expect(tables).not.toContain(before?.tableName);
    expect(tables).not.toContain(before?.rawTableName);
    expect(tables).toEqual(expect.arrayContaining([after?.rawTableName, after?.tableName]));
  });
});

describe('what review found', () => {
  it('blocks a column decided as not personal once a later upload puts ID numbers into it', async () => {
    const resourceId = await importCsv(CSV);
    for (const column of ['姓名', '证件号码', '电话']) await decideColumn(official, resourceId, { column, action: 'drop', params: {}, reason: '' });
    await decideColumn(official, resourceId, { column: '街道', action: 'notPersonal', params: {}, reason: '只是街道名称' });
    expect((await servedRows(resourceId))?.[0]).toEqual({ _id: 1, 街道: '城东街道' });
    await importCsv(CSV.replaceAll('城东街道', IDS[0] as string), resourceId);
    expect(await servedRows(resourceId)).toBeNull();
    expect((await getPrivacyReview(official, resourceId))?.unresolved).toEqual(['街道']);
  });

  it('shows the upload to its department only, not to admins', async () => {
    const resourceId = await importCsv(CSV);
    const admin = { id: official.id, role: 'admin' as const, departmentId: null };
    expect((await getPrivacyReview(official, resourceId))?.rawPreview).toHaveLength(10);
    expect((await getPrivacyReview(admin, resourceId))?.rawPreview).toEqual([]);
    expect((await getPrivacyReview(admin, resourceId))?.findings.length).toBeGreaterThan(0);
  });
});

describe('tables imported before the scan existed', () => {
  it('are scanned once on start-up and stop being served until decided', async () => {
    const resourceId = await importCsv(CSV);
    // Make it look like a resource from before the privacy migration: served, never scanned.
    const resource = await getResource(resourceId);
    await getDb().delete(privacyFindings).where(eq(privacyFindings.resourceId, resourceId));
    await getDb().delete(privacyDecisions).where(eq(privacyDecisions.resourceId, resourceId));
    await getDb()
      .update(datasetResources)
      .set({ tableName: resource?.rawTableName, columns: resource?.rawColumns, rowCount: resource?.rawRowCount, rawTableName: null, rawColumns: [], rawRowCount: null })
      .where(eq(datasetResources.id, resourceId));
    expect(await servedRows(resourceId)).toHaveLength(10);

    const result = await scanUnscannedResources(SYSTEM);
    expect(result).toEqual({ ok: true, value: { scanned: 1, blocked: 1 } });
    expect(await servedRows(resourceId)).toBeNull();
    expect((await getPrivacyReview(official, resourceId))?.unresolved).toEqual(['姓名', '证件号码', '电话']);
    // Scanned once: a second start finds nothing left to scan.
    expect(await scanUnscannedResources(SYSTEM)).toEqual({ ok: true, value: { scanned: 0, blocked: 0 } });
  });
});
