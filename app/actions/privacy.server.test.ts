/**
 * The privacy actions on a real SQLite file: a department that does not own the resource changes
 * nothing and leaves no record; the owning department's decision and its one audit entry land
 * together; and a rebuild that fails puts the previous decision back, with a record of that.
 */
import { asc, gt } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { twoDepartments } from '../../tests/helpers/factories';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { auditLog } from '../../db/tables';
import type { Viewer } from '~/lib/access';
import { residentIdCheckDigit } from '~/lib/privacy/detectors';
import type { Actor } from '~/lib/result';
import { dropDatastoreTable } from '~/models/datastore.server';
import { listDecisions } from '~/models/privacy.server';
import { getImportJob, getResource } from '~/models/resources.server';
import { queueUpload } from '~/services/import/queue-upload.server';
import { storeStream } from '~/services/uploads.server';
import { decideColumn, purgeRawUpload, undoDecision } from './privacy.server';

const IP = '192.0.2.9';
const id = (first17: string) => first17 + residentIdCheckDigit(first17);
const CSV = `姓名,证件号码,街道\n${Array.from({ length: 6 }, (_, i) => `${['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊'][i]},${id(`330102198503${10 + i}00${i}`)},城东街道`).join('\n')}\n`;

let owner: Viewer;
let other: Viewer;
let datasetId: number;

const web = (user: Viewer): Actor<Viewer> => ({ user, ip: IP, via: 'web' });

async function auditSince(lastId: number) {
  return await getDb().select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id));
}

async function lastAuditId(): Promise<number> {
  return (await getDb().select({ id: auditLog.id }).from(auditLog)).reduce((max, r) => Math.max(max, r.id), 0);
}

async function importCsv(): Promise<number> {
  const upload = await storeStream([Buffer.from(CSV)], { filename: 'list.csv', contentType: 'text/csv' }, 1024 * 1024);
  const queued = await queueUpload({ datasetId, viewer: owner, upload });
  if (!queued.ok) throw new Error(queued.code);
  await queued.done;
  expect((await getImportJob(queued.jobId))?.status).toBe('succeeded');
  return queued.resourceId;
}

beforeAll(async () => {
  await applyMigrations(getDb());
  ({ owner, other, datasetId } = await twoDepartments('actions'));
});

describe('a privacy decision', () => {
  it('by an official of another department changes nothing and records nothing', async () => {
    const resourceId = await importCsv();
    const before = await lastAuditId();
    const result = await decideColumn(web(other), resourceId, { column: '姓名', action: 'drop', params: {}, reason: '' });
    expect(result).toMatchObject({ ok: false, problem: { kind: 'notFound' } });
    expect(await listDecisions(resourceId)).toEqual([]);
    expect(await undoDecision(web(other), resourceId, '姓名')).toMatchObject({ ok: false, problem: { kind: 'notFound' } });
    expect(await purgeRawUpload(web(other), resourceId)).toMatchObject({ ok: false, problem: { kind: 'notFound' } });
    expect(await auditSince(before)).toEqual([]);
  });

  it('by the owning department is recorded with exactly one audit entry', async () => {
    const resourceId = await importCsv();
    const before = await lastAuditId();
    const decision = { column: '姓名', action: 'mask' as const, params: { keepStart: 1, keepEnd: 0 }, reason: '只留姓' };
    const result = await decideColumn(web(owner), resourceId, decision);
    expect(result).toEqual({ ok: true, value: { outcome: 'blocked' } });
    expect(await listDecisions(resourceId)).toMatchObject([{ column: '姓名', action: 'mask', params: { keepStart: 1, keepEnd: 0 }, reason: '只留姓', detectors: ['name'], decidedBy: owner.id }]);
    const entries = await auditSince(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: owner.id,
      action: 'privacy.decide',
      targetType: 'resource',
      targetId: String(resourceId),
      ip: IP,
      details: { column: '姓名', action: 'mask', params: { keepStart: 1, keepEnd: 0 }, reason: '只留姓', detectors: ['name'] },
    });
    // The web is the default door and is left out of the record.
    expect(entries[0]?.details).not.toHaveProperty('via');
  });

  it('whose rebuild fails is taken back, and the record says so', async () => {
    const resourceId = await importCsv();
    await decideColumn(web(owner), resourceId, { column: '姓名', action: 'drop', params: {}, reason: '' });
    const served = await decideColumn(web(owner), resourceId, { column: '证件号码', action: 'drop', params: {}, reason: '' });
    expect(served).toEqual({ ok: true, value: { outcome: 'derived' } });
    // The upload's table disappears (a disk fault, say): no rebuild can read it any more.
    await dropDatastoreTable((await getResource(resourceId))?.rawTableName as string);
    const before = await lastAuditId();
    await expect(decideColumn(web(owner), resourceId, { column: '姓名', action: 'mask', params: { keepStart: 1, keepEnd: 0 }, reason: '' })).rejects.toThrow();
    expect((await listDecisions(resourceId)).find((d) => d.column === '姓名')).toMatchObject({ action: 'drop' });
    expect((await auditSince(before)).map((e) => [e.action, e.details?.reverted ?? null, e.details?.column])).toEqual([
      ['privacy.decide', null, '姓名'],
      ['privacy.revert', 'privacy.decide', '姓名'],
    ]);
  });
});
