/**
 * The site search on the run's engine (SQLite's FTS5 indexes, PostgreSQL's index of characters and
 * pairs): Chinese terms of one, two and more characters, several terms, ASCII in any case, edits and
 * deletions kept in step by the triggers, and only what a visitor may see.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { engine, getDb } from '../../db/client';
import { runSql, sqlRows } from '../../tests/helpers/sql';
import { applyMigrations } from '../../db/migrate';
import { comments, dataRequests, datasets, departments, users } from '../../db/tables';
import { searchSite } from './search.server';
import { transaction } from './transaction.server';

const now = new Date();
let departmentId: number;
let requesterId: number;

async function dataset(slug: string, title: string, description: string, status: 'published' | 'draft' = 'published') {
  const [row] = await getDb().insert(datasets).values({ slug, title, description, departmentId, status, publishedAt: status === 'published' ? now : null }).returning({ id: datasets.id });
  return row!.id;
}

const found = async (query: string) => (await searchSite(query, now)).map((hit) => `${hit.kind}:${hit.title.replace(/[\uE000\uE001]/g, '')}`).sort();

beforeAll(async () => {
  await applyMigrations(getDb());
  [{ id: departmentId }] = (await getDb().insert(departments).values({ slug: 'transport', name: '交通运输局' }).returning({ id: departments.id })) as [{ id: number }];
  [{ id: requesterId }] = (await getDb().insert(users).values({ email: 'citizen@example.cn', name: '市民', passwordHash: 'x' }).returning({ id: users.id })) as [{ id: number }];
  await dataset('bus-routes', '公交线路与站点', '全市公交线路、站点位置和首末班时间。Bus routes and stops.');
  await dataset('bus-ridership', '公交刷卡客流', '按线路和小时统计的刷卡人次。');
  await dataset('shelters', '应急避难场所', '避难场所的位置、面积和容纳人数。');
  await dataset('draft-bus', '公交内部草稿', '尚未发布。', 'draft');
  await dataset('gdp', '地区生产总值', '全市ＧＤＰ季度统计，附 C++ 读取示例。');
  const [request] = await getDb().insert(dataRequests).values({ title: '开放公交车辆实时到站数据', description: '希望提供实时到站时间。', purpose: '开发候车提醒小程序。', requesterId }).returning({ id: dataRequests.id });
  await getDb().insert(comments).values({ targetType: 'data_request', targetId: request!.id, authorId: requesterId, body: '能否先公布站点坐标？' });
});

describe('site search', () => {
  it('finds one-, two- and longer Chinese terms as substrings, and never a draft', async () => {
    expect(await found('公交')).toEqual(['dataset:公交刷卡客流', 'dataset:公交线路与站点', 'request:开放公交车辆实时到站数据']);
    expect(await found('站')).toEqual(['comment:开放公交车辆实时到站数据', 'dataset:公交线路与站点', 'request:开放公交车辆实时到站数据']);
    expect(await found('避难场所')).toEqual(['dataset:应急避难场所']);
    expect(await found('刷卡人次')).toEqual(['dataset:公交刷卡客流']);
    expect(await found('线交')).toEqual([]);
    // A document's body is every text column of its row (a request's description and its purpose).
    expect(await found('到站时间')).toEqual(['request:开放公交车辆实时到站数据']);
    expect(await found('候车提醒')).toEqual(['request:开放公交车辆实时到站数据']);
    expect(await found('时间。开发')).toEqual([]);
    // A comment has no title of its own: it is listed under the page it is on.
    expect(await found('站点坐标')).toEqual(['comment:开放公交车辆实时到站数据']);
  });

  it('needs every term, and reads ASCII in any case', async () => {
    expect(await found('公交 首末班')).toEqual(['dataset:公交线路与站点']);
    expect(await found('公交 避难')).toEqual([]);
    expect(await found('BUS stops')).toEqual(['dataset:公交线路与站点']);
    expect(await found('%')).toEqual([]);
  });

  it('finds full-width letters and terms with punctuation', async () => {
    expect(await found('ＧＤＰ')).toEqual(['dataset:地区生产总值']);
    expect(await found('C++')).toEqual(['dataset:地区生产总值']);
    expect(await found('c++ 示例')).toEqual(['dataset:地区生产总值']);
    // Punctuation alone is not refused: whatever it finds, each hit holds it.
    for (const hit of await searchSite('++', now)) expect(`${hit.title}${hit.snippet}`.replace(/[\uE000\uE001]/g, '')).toContain('++');
  });

  it.runIf(engine() === 'postgres')("can read PostgreSQL's index of characters and pairs instead of every document", async () => {
    // On a table this small a scan is cheaper; with scans priced out, the plan shows the index
    // serves the query as built (the query function is computed once while planning).
    const plan = await transaction(async () => {
      await runSql(sql`set local enable_seqscan = off`);
      const terms = sql.raw("ARRAY['避难场所']::text[]");
      return (await sqlRows<{ 'QUERY PLAN': string }>(sql`explain select doc from search_index i where i.terms @@ jdz_search_query(${terms})`)).map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Bitmap Index Scan on search_index_terms_idx/);
    expect(plan).toContain('避难');
  });

  it('follows edits and deletions at once', async () => {
    const id = await dataset('parking', '停车场泊位', '公共停车场的泊位数。');
    expect(await found('泊位')).toEqual(['dataset:停车场泊位']);
    await getDb().update(datasets).set({ title: '公共停车场' }).where(eq(datasets.id, id));
    expect(await found('泊位')).toEqual(['dataset:公共停车场']);
    expect(await found('停车场泊位')).toEqual([]);
    await getDb().delete(datasets).where(eq(datasets.id, id));
    expect(await found('泊位')).toEqual([]);
  });
});
