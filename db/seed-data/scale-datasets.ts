/**
 * Datasets for the scale seed. A few dozen go the whole way a department's upload goes (create,
 * importer, publish); they are the templates. The other datasets each get their own copy of a
 * template's table and upload file, with the template's dictionary and profiles, which is exactly
 * what importing the same file again would produce, in a fraction of the time. The million-row
 * dataset is imported by the real importer from a generated CSV.
 */
import fs from 'node:fs';
import type { Viewer } from '../../app/lib/access';
import { createDataset, publishDataset } from '../../app/models/datasets.server';
import { createDatastoreTable, datastoreTableName, indexDatastoreColumn } from '../../app/models/datastore.server';
import { uploadPath } from '../../app/services/uploads.server';
import type { DatastoreColumn, KeyColumn, Licence } from '../schema';
import { DAY, HOUR } from './clock';
import { inserter, inTransactionAsync } from './bulk';
import { importSeedResource } from './import-resource';
import { entityCodes, MILLION_DICTIONARY, millionRowsCsv } from './million-rows';
import type { Random } from './random';
import type { ScaleContext } from './scale-context';
import type { ScaleDepartment, ScalePeople } from './scale-people';
import { datasetDescription, datasetTitle, TOPICS, type Topic } from './scale-text';
import { topicTable } from './scale-tables';
import { toCsv } from './tables';

export const MILLION_ROWS_SLUG = 'scale-million-rows';

export interface ScaleDataset {
  id: number;
  slug: string;
  title: string;
  departmentId: number;
  status: 'draft' | 'published' | 'retired';
  publishedAt: number | null;
  topic: Topic;
}

export interface ScaleDatasets {
  /** Every dataset the scale seed made, the million-row one included. */
  all: ScaleDataset[];
  published: ScaleDataset[];
  million: { id: number; slug: string; rows: number };
}

const LICENCES: Licence[] = ['gov-open', 'gov-open', 'cc-by-4.0', 'cc0-1.0', 'odc-by'];
const EXTRA_TAGS = ['开放数据', '统计', '民生', '城市治理', '2024', '2025'];

interface Plan {
  slug: string;
  title: string;
  description: string;
  department: ScaleDepartment;
  topic: Topic;
  status: ScaleDataset['status'];
  publishedAt: number;
  tags: string[];
  licence: Licence;
  contactName: string;
  contactEmail: string;
  keyColumns: KeyColumn[];
  /** Drafts may have no table yet. */
  resources: number;
}

function officialOf(department: ScaleDepartment): Viewer {
  return { id: department.officialId, role: 'official', departmentId: department.id };
}

function topicsFor(department: ScaleDepartment, usable: readonly Topic[]): readonly Topic[] {
  const own = usable.filter((t) => t.bureau === department.bureau);
  return own.length > 0 ? own : usable;
}

function planDatasets(ctx: ScaleContext, people: ScalePeople, usable: readonly Topic[]): Plan[] {
  const random = ctx.random('datasets');
  const count = ctx.volumes.datasets - 1;
  const templates = ctx.volumes.importedDatasets;
  let usccKeys = 0;
  return Array.from({ length: count }, (_, i): Plan => {
    // Templates cover every usable topic, each in a department of the matching bureau where one exists.
    const topic = i < templates ? (usable[i % usable.length] as Topic) : (random.pick(topicsFor(random.pick(people.departments), usable)) as Topic);
    const ownDepartments = people.departments.filter((d) => d.bureau === topic.bureau);
    const department = random.pick(ownDepartments.length > 0 ? ownDepartments : people.departments);
    const roll = random.next();
    const status = i < templates || roll < 0.88 ? 'published' : roll < 0.96 ? 'draft' : 'retired';
    const keyColumns: KeyColumn[] = [];
    // A few datasets declare join keys: each dataset page compares its keys with every other dataset's.
    if (topic.slug === 'business' && usccKeys < 2) {
      usccKeys += 1;
      keyColumns.push({ column: '统一社会信用代码', kind: 'uscc' });
    } else if (['employment', 'relief', 'shelters', 'air-quality', 'hotline'].includes(topic.slug) && random.chance(0.1)) {
      keyColumns.push({ column: '行政区划代码', kind: 'admin_division' });
    }
    return {
      slug: `${topic.slug}-${department.city.slug}-${String(i + 1).padStart(4, '0')}`,
      title: datasetTitle(random, department.city, topic),
      description: datasetDescription(random, department.city, topic, department.name),
      department,
      topic,
      status,
      publishedAt: ctx.now - random.int(2, 900) * DAY - random.int(0, 23) * HOUR,
      tags: [...new Set([...topic.tags.slice(0, random.int(1, topic.tags.length)), random.pick(EXTRA_TAGS)])],
      licence: random.pick(LICENCES),
      contactName: `${department.name}数据开放专员`,
      contactEmail: `opendata@${department.slug}.gov.example`,
      keyColumns,
      resources: status === 'draft' ? random.int(0, 1) : random.chance(0.1) ? 2 : 1,
    };
  });
}

interface TemplateResource {
  topic: string;
  columns: string;
  rawColumns: string;
  columnNames: string[];
  tableName: string;
  rowCount: number;
  name: string;
  filename: string;
  storageKey: string;
  byteSize: number;
  sha256: string;
  encoding: string | null;
  delimiter: string | null;
}

/** Creates a template dataset through the models and the importer, and returns its resource for copying. */
async function importTemplate(ctx: ScaleContext, plan: Plan, random: Random): Promise<{ id: number; template: TemplateResource }> {
  const official = officialOf(plan.department);
  const created = await createDataset(
    official,
    { slug: plan.slug, title: plan.title, description: plan.description, licence: plan.licence, updateFrequency: plan.topic.frequency, tags: plan.tags, contactName: plan.contactName, contactEmail: plan.contactEmail, keyColumns: plan.keyColumns },
    plan.department.id,
  );
  if (!created) throw new Error(`cannot create ${plan.slug}`);
  const table = topicTable(plan.topic.slug, random, plan.department.city);
  const csv = Buffer.from(toCsv(table), 'utf8');
  const name = `${plan.topic.noun}表`;
  const { resourceId } = await importSeedResource(official, created.id, plan.slug, {
    name,
    description: '',
    filename: `${plan.topic.noun}.csv`,
    bytes: [csv],
    maxBytes: csv.length,
    dictionary: table.columns.filter((c) => c.description).map((c) => ({ name: c.name, description: c.description ?? '' })),
  });
  const published = await publishDataset(official, created.id);
  if (!published?.ok) throw new Error(`cannot publish ${plan.slug}: ${published?.problem}`);
  const row = ctx.sqlite
    .prepare('SELECT columns, raw_columns AS rawColumns, table_name AS tableName, raw_table_name AS rawTableName, row_count AS rowCount, original_filename AS filename, storage_key AS storageKey, byte_size AS byteSize, sha256, encoding, delimiter FROM dataset_resources WHERE id = ?')
    .get(resourceId) as Omit<TemplateResource, 'topic' | 'columnNames' | 'name'> & { rawTableName: string };
  // Copies serve the upload as is; a template the privacy scan had changed would not copy faithfully.
  if (row.tableName !== row.rawTableName) throw new Error(`template ${plan.slug} is served de-identified; pick another table`);
  const columnNames = (JSON.parse(row.rawColumns) as DatastoreColumn[]).map((c) => c.name);
  return { id: created.id, template: { ...row, topic: plan.topic.slug, columnNames, name } };
}

function randomStorageKey(random: Random): string {
  let key = '';
  for (let i = 0; i < 4; i += 1) key += random.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return key;
}

/** Writes a dataset and its copied resources with plain SQL (the shape createDataset and an import leave). */
async function copyDataset(ctx: ScaleContext, plan: Plan, templates: readonly TemplateResource[], random: Random, statements: ReturnType<typeof datasetStatements>): Promise<number> {
  const createdAt = plan.publishedAt - random.int(1, 30) * DAY;
  const updatedAt = plan.status === 'draft' ? createdAt + random.int(1, 20) * HOUR : plan.publishedAt + random.int(0, 60) * DAY;
  const id = statements.dataset(
    plan.slug,
    plan.title,
    plan.description,
    plan.department.id,
    plan.licence,
    plan.topic.frequency,
    plan.contactName,
    plan.contactEmail,
    JSON.stringify(plan.keyColumns),
    plan.status,
    plan.status === 'draft' ? null : plan.publishedAt,
    plan.department.officialId,
    createdAt,
    Math.min(updatedAt, ctx.now),
  );
  for (const tag of plan.tags) statements.tag(id, tag);
  const ofTopic = templates.filter((t) => t.topic === plan.topic.slug);
  for (let position = 0; position < plan.resources; position += 1) {
    const template = random.pick(ofTopic.length > 0 ? ofTopic : templates);
    const importedAt = createdAt + random.int(1, 12) * HOUR;
    const storageKey = randomStorageKey(random);
    fs.copyFileSync(uploadPath(template.storageKey), uploadPath(storageKey));
    const resourceId = statements.resource(id, template.name, '', 'csv', template.filename, template.byteSize, position, importedAt, importedAt);
    const jobId = statements.job(resourceId, 'succeeded', 'csv', template.filename, storageKey, template.byteSize, template.sha256, 1, template.rowCount, plan.department.officialId, importedAt, importedAt, importedAt + 2000);
    const tableName = datastoreTableName(resourceId, jobId);
    await createDatastoreTable(tableName, JSON.parse(template.rawColumns) as DatastoreColumn[]);
    const list = ['"_id"', ...template.columnNames.map((c) => `"${c.replaceAll('"', '""')}"`)].join(', ');
    ctx.sqlite.exec(`INSERT INTO "${tableName}" (${list}) SELECT ${list} FROM "${template.tableName}"`);
    for (const key of plan.keyColumns) if (template.columnNames.includes(key.column)) await indexDatastoreColumn(tableName, key.column);
    statements.completeResource(storageKey, template.sha256, template.encoding, template.delimiter, tableName, template.rowCount, template.columns, tableName, template.rowCount, template.rawColumns, resourceId);
  }
  return id;
}

function datasetStatements(ctx: ScaleContext) {
  const { sqlite } = ctx;
  const complete = sqlite.prepare(
    "UPDATE dataset_resources SET storage_key = ?, sha256 = ?, encoding = ?, delimiter = ?, table_name = ?, row_count = ?, columns = ?, raw_table_name = ?, raw_row_count = ?, raw_columns = ?, import_status = 'ready' WHERE id = ?",
  );
  return {
    dataset: inserter(sqlite, 'datasets', ['slug', 'title', 'description', 'department_id', 'licence', 'update_frequency', 'contact_name', 'contact_email', 'key_columns', 'status', 'published_at', 'created_by', 'created_at', 'updated_at']),
    tag: inserter(sqlite, 'dataset_tags', ['dataset_id', 'tag']),
    resource: inserter(sqlite, 'dataset_resources', ['dataset_id', 'name', 'description', 'format', 'original_filename', 'byte_size', 'position', 'imported_at', 'created_at']),
    job: inserter(sqlite, 'resource_imports', ['resource_id', 'status', 'format', 'original_filename', 'storage_key', 'byte_size', 'sha256', 'progress', 'rows_done', 'created_by', 'created_at', 'started_at', 'finished_at']),
    completeResource: (...values: unknown[]) => complete.run(...values),
  };
}

/** The million-row table, imported as a department would upload it, and published. */
async function seedMillionRows(ctx: ScaleContext, people: ScalePeople): Promise<ScaleDatasets['million'] & { dataset: ScaleDataset }> {
  const random = ctx.random('million-rows');
  const started = Date.now();
  const department = people.departments.find((d) => d.slug === 'market-regulation');
  if (!department) throw new Error('demo department market-regulation missing');
  const official = officialOf(department);
  const topic = TOPICS.find((t) => t.slug === 'business') as Topic;
  const title = '市场主体登记和许可办件明细';
  const created = await createDataset(
    official,
    {
      slug: MILLION_ROWS_SLUG,
      title,
      description:
        '各地政务服务平台受理的市场主体登记、许可和备案办件，每行一件。\n\n' +
        '- 以**统一社会信用代码**关联申请主体，可与市场主体登记信息等数据关联\n- 不含申请人个人信息\n- 尚未办结的办件，办结日期和办理时长为空',
      licence: 'gov-open',
      updateFrequency: 'daily',
      tags: ['企业', '营商环境', '政务服务'],
      contactName: '市场监管局登记注册科',
      contactEmail: 'data@amr.jindianzi.example',
      keyColumns: [{ column: '统一社会信用代码', kind: 'uscc' }],
    },
    department.id,
  );
  if (!created) throw new Error('cannot create the million-row dataset');
  // The demo's registered companies are among the entities, so the key really joins.
  const known = ctx.sqlite
    .prepare("SELECT r.table_name AS t FROM dataset_resources r JOIN datasets d ON d.id = r.dataset_id WHERE d.slug = 'business-registrations' AND r.table_name IS NOT NULL")
    .all() as { t: string }[];
  const knownCodes = known.flatMap(({ t }) => (ctx.sqlite.prepare(`SELECT DISTINCT "统一社会信用代码" AS c FROM "${t}"`).all() as { c: string }[]).map((r) => r.c));
  const entities = entityCodes(random, Math.max(50, Math.round(ctx.volumes.millionRows / 20)), knownCodes);
  await importSeedResource(official, created.id, MILLION_ROWS_SLUG, {
    name: '办件明细',
    description: '全量办件明细，每日更新。',
    filename: '市场主体办件明细.csv',
    bytes: millionRowsCsv(random, ctx.volumes.millionRows, entities),
    // Operator-side seeding, not the web form: the upload limit for departments does not apply.
    maxBytes: Number.MAX_SAFE_INTEGER,
    dictionary: MILLION_DICTIONARY,
  });
  const published = await publishDataset(official, created.id);
  if (!published?.ok) throw new Error(`cannot publish the million-row dataset: ${published?.problem}`);
  const publishedAt = ctx.now - 3 * DAY;
  ctx.sqlite.prepare('UPDATE datasets SET created_at = ?, published_at = ? WHERE id = ?').run(publishedAt - DAY, publishedAt, created.id);
  ctx.log(`datasets: ${ctx.volumes.millionRows.toLocaleString('en')}-row table imported through the importer in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { id: created.id, slug: MILLION_ROWS_SLUG, rows: ctx.volumes.millionRows, dataset: { id: created.id, slug: MILLION_ROWS_SLUG, title, departmentId: department.id, status: 'published', publishedAt, topic } };
}

export async function seedScaleDatasets(ctx: ScaleContext, people: ScalePeople): Promise<ScaleDatasets> {
  const random = ctx.random('dataset-tables');
  const usable = TOPICS.slice(0, Math.min(TOPICS.length, ctx.volumes.importedDatasets));
  const plans = planDatasets(ctx, people, usable);
  const all: ScaleDataset[] = [];
  const templates: TemplateResource[] = [];
  const started = Date.now();
  for (const plan of plans.slice(0, ctx.volumes.importedDatasets)) {
    const { id, template } = await importTemplate(ctx, plan, random);
    templates.push(template);
    ctx.sqlite.prepare('UPDATE datasets SET created_at = ?, updated_at = ?, published_at = ? WHERE id = ?').run(plan.publishedAt - DAY, plan.publishedAt, plan.publishedAt, id);
    all.push({ id, slug: plan.slug, title: plan.title, departmentId: plan.department.id, status: 'published', publishedAt: plan.publishedAt, topic: plan.topic });
  }
  ctx.log(`datasets: ${templates.length} tables imported through the importer in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const copyStarted = Date.now();
  const statements = datasetStatements(ctx);
  await inTransactionAsync(ctx.sqlite, async () => {
    for (const plan of plans.slice(ctx.volumes.importedDatasets)) {

      const id = await copyDataset(ctx, plan, templates, random, statements);
      all.push({ id, slug: plan.slug, title: plan.title, departmentId: plan.department.id, status: plan.status, publishedAt: plan.status === 'draft' ? null : plan.publishedAt, topic: plan.topic });
    }
  });
  ctx.log(`datasets: ${plans.length - templates.length} more datasets with copies of those tables in ${((Date.now() - copyStarted) / 1000).toFixed(1)} s`);

  const million = await seedMillionRows(ctx, people);
  all.push(million.dataset);
  return { all, published: all.filter((d) => d.status === 'published'), million: { id: million.id, slug: million.slug, rows: million.rows } };
}
