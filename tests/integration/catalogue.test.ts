/**
 * The catalogue (政务信息资源目录) over real HTTP: officials export their department's catalogue and
 * admins the site's as XLSX in the guide's layout; a sheet exported, edited and imported changes
 * exactly what was edited (after a preview, only once confirmed, audited); bad sheets (wrong
 * columns, bad values, duplicate codes) are refused row by row and column by column with nothing
 * applied; a GBK CSV of the same layout imports; 10,000 rows import while the site keeps answering.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_COLUMNS } from '~/lib/catalogue/layout';
import { ADMIN, CIVIL_OFFICIAL, DEMO_PASSWORD, PARTICIPANT, TRANSPORT_OFFICIAL } from '../helpers/demo';
import { HttpClient, inputValue, visibleText } from '../helpers/http';
import { openServerDatabase, type ServerDatabase } from '../helpers/server-db';
import { startServer, type TestServer } from '../helpers/server';

const HEADERS = CATALOGUE_COLUMNS.map((c) => c.header);
const col = (header: string) => HEADERS.indexOf(header) + 1;

let server: TestServer;
let db: ServerDatabase;
let transport: HttpClient;
let civil: HttpClient;
let admin: HttpClient;

beforeAll(async () => {
  server = await startServer();
  db = await openServerDatabase(server);
  const signed = async (email: string) => {
    const http = new HttpClient(server.url, { 'Accept-Language': 'zh-CN' });
    await http.signIn(email, DEMO_PASSWORD);
    return http;
  };
  transport = await signed(TRANSPORT_OFFICIAL);
  civil = await signed(CIVIL_OFFICIAL);
  admin = await signed(ADMIN);
});

afterAll(async () => {
  await db?.close();
  await server?.stop();
});

/** A GET whose body is bytes (the HTTP helper decodes bodies as text). */
async function download(http: HttpClient, url: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const response = await fetch(new URL(url, server.url), {
    headers: { Cookie: [...http.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'X-Forwarded-For': http.ip },
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook;
}

function sheetRows(workbook: ExcelJS.Workbook): string[][] {
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push(HEADERS.map((_, i) => String(row.getCell(i + 1).value ?? ''))));
  return rows;
}

/** Uploads a sheet; answers the preview page's address (or the refusal). */
async function upload(http: HttpClient, filename: string, bytes: Uint8Array) {
  const form = new FormData();
  form.set('file', new Blob([Buffer.from(bytes)]), filename);
  return http.request('/manage/catalogue', { method: 'POST', body: form, headers: { Origin: server.url } });
}

async function preview(http: HttpClient, filename: string, bytes: Uint8Array) {
  const uploaded = await upload(http, filename, bytes);
  expect(uploaded.status).toBe(303);
  const location = uploaded.location ?? '';
  expect(location).toMatch(/^\/manage\/catalogue\?ticket=/);
  const page = await http.get(location);
  expect(page.status).toBe(200);
  return { location, html: page.body, text: visibleText(page.body), ticket: inputValue(page.body, 'ticket') ?? '', digest: inputValue(page.body, 'digest') ?? '' };
}

function csv(rows: string[][]): string {
  return `${rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')).join('\r\n')}\r\n`;
}

/** GBK bytes of a text, as Excel on a Chinese Windows saves a CSV (a reverse of the platform's GB18030 decoder). */
function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`not in GBK: ${ch}`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}

function datasetsSnapshot(): Promise<Record<string, unknown>[]> {
  return db.all('select * from datasets order by id');
}

const without = (row: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

describe('the catalogue export', () => {
  it('gives an official their department’s datasets in the guide’s columns', async () => {
    const response = await download(transport, '/manage/catalogue.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; .*filename\*=UTF-8''/);
    expect(decodeURIComponent(response.headers.get('content-disposition') ?? '')).toContain('政务信息资源目录-云溪市交通运输局-');
    const workbook = await workbookOf(response.bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['政务信息资源目录', '填写说明']);
    const [header, ...rows] = sheetRows(workbook);
    expect(header).toEqual(HEADERS);
    const expected = await db.all<{ title: string }>("select d.title from datasets d join departments dep on dep.id = d.department_id where dep.slug = 'transport' order by d.id");
    expect(rows.map((r) => r[col('资源名称') - 1]).sort()).toEqual(expected.map((d) => d.title).sort());
    const bus = rows.find((r) => r[col('数据集标识') - 1] === 'bus-routes');
    expect(bus).toBeDefined();
    expect(bus?.[col('提供方') - 1]).toBe('云溪市交通运输局');
    expect(bus?.[col('资源分类') - 1]).toBe('部门');
    expect(bus?.[col('开放类型') - 1]).toBe('无条件开放');
    expect(bus?.[col('共享类型') - 1]).toBe('无条件共享');
    expect(bus?.[col('格式') - 1]).not.toBe('');
    expect(bus?.[col('信息项') - 1]).toMatch(/（(字符型|整型|数值型|日期型|逻辑型)）/);
    expect(bus?.[col('发布日期') - 1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Codes are text cells, so Excel keeps their leading zeros.
    expect((workbook.worksheets[0] as ExcelJS.Worksheet).getColumn(col('资源代码')).numFmt).toBe('@');
  });

  it('gives admins the whole site, at /admin/catalogue.xlsx and in the workspace', async () => {
    const total = (await db.get<{ n: number }>('select count(*) as n from datasets'))!.n;
    for (const url of ['/admin/catalogue.xlsx', '/manage/catalogue.xlsx']) {
      const response = await download(admin, url);
      expect(response.status).toBe(200);
      const rows = sheetRows(await workbookOf(response.bytes)).slice(1);
      expect(rows).toHaveLength(total);
      expect(new Set(rows.map((r) => r[col('提供方') - 1])).size).toBeGreaterThan(2);
    }
    const one = sheetRows(await workbookOf((await download(admin, '/admin/catalogue.xlsx?department=civil-affairs')).bytes)).slice(1);
    expect(new Set(one.map((r) => r[col('提供方') - 1]))).toEqual(new Set(['云溪市民政局']));
  });

  it('refuses anonymous visitors, participants, and officials at the admins’ address', async () => {
    const anonymous = new HttpClient(server.url);
    const signIn = await anonymous.get('/manage/catalogue.xlsx');
    expect(signIn.status).toBe(302);
    expect(signIn.location).toMatch(/^\/login/);
    const participant = new HttpClient(server.url);
    await participant.signIn(PARTICIPANT, DEMO_PASSWORD);
    expect((await participant.get('/manage/catalogue.xlsx')).status).toBe(403);
    expect((await participant.get('/manage/catalogue')).status).toBe(403);
    expect((await transport.get('/admin/catalogue.xlsx')).status).toBe(403);
  });
});

describe('a round trip', () => {
  it('imports the export unchanged as nothing to do', async () => {
    const exported = (await download(transport, '/manage/catalogue.xlsx')).bytes;
    const shown = await preview(transport, '目录.xlsx', exported);
    const rows = sheetRows(await workbookOf(exported)).length - 1;
    expect(shown.text).toContain(`共 ${rows} 行：新建 0 个，更新 0 个，无变化 ${rows} 个，有错误的 0 行。`);
    expect(shown.text).toContain('没有需要改动的内容');
    expect(shown.html).not.toContain('value="confirm"');
    expect(shown.text).not.toContain('这一列由平台生成');
  });

  it('changes exactly the edited cell, after a preview, once confirmed, audited', async () => {
    const exported = await workbookOf((await download(transport, '/manage/catalogue.xlsx')).bytes);
    const sheet = exported.worksheets[0] as ExcelJS.Worksheet;
    let edited = 0;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(col('数据集标识')).value === 'bus-routes') {
        row.getCell(col('开放类型')).value = '有条件开放';
        edited = n;
      }
    });
    expect(edited).toBeGreaterThan(1);
    const bytes = new Uint8Array(await exported.xlsx.writeBuffer());
    const before = await datasetsSnapshot();

    const shown = await preview(transport, '目录-已编辑.xlsx', bytes);
    expect(shown.text).toContain('新建 0 个，更新 1 个');
    expect(shown.text).toMatch(/开放类型 ?: 无条件开放 → 有条件开放/);
    expect(shown.text).toContain('以下改动还没有生效');
    // Previewing changed nothing.
    expect(await datasetsSnapshot()).toEqual(before);

    const confirmed = await transport.post('/manage/catalogue', { intent: 'confirm', ticket: shown.ticket, digest: shown.digest });
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe('/manage/catalogue?notice=applied&created=0&updated=1');
    expect(visibleText((await transport.get(confirmed.location ?? '')).body)).toContain('导入完成：新建 0 个、更新 1 个数据集。');

    const after = await datasetsSnapshot();
    expect(after).toHaveLength(before.length);
    after.forEach((row, i) => {
      const old = before[i] as Record<string, unknown>;
      if (row.slug === 'bus-routes') {
        expect(without(row, 'access_level', 'updated_at')).toEqual(without(old, 'access_level', 'updated_at'));
        expect([old.access_level, row.access_level]).toEqual(['open', 'conditional']);
      } else {
        expect(row).toEqual(old);
      }
    });
    const audit = await db.all<{ action: string; details: string }>("select action, details from audit_log where action in ('dataset.access', 'catalogue.import') order by id desc limit 2");
    expect(audit.map((a) => a.action)).toEqual(['catalogue.import', 'dataset.access']);
    expect(JSON.parse(audit[1]?.details ?? '{}')).toMatchObject({ slug: 'bus-routes', before: { accessLevel: 'open' }, after: { accessLevel: 'conditional' }, source: 'catalogue' });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ file: '目录-已编辑.xlsx', created: 0, updated: 1 });

    // Exported again, the sheet is the edited one; the upload is gone, so the ticket cannot be used twice.
    expect(sheetRows(await workbookOf((await download(transport, '/manage/catalogue.xlsx')).bytes))).toEqual(sheetRows(await workbookOf(bytes)));
    const again = await transport.post('/manage/catalogue', { intent: 'confirm', ticket: shown.ticket, digest: shown.digest });
    expect(again.location).toBe('/manage/catalogue?notice=expired');
  });

  it('applies nothing when the catalogue changed after the preview, and shows the new preview', async () => {
    const exported = await workbookOf((await download(transport, '/manage/catalogue.xlsx')).bytes);
    const sheet = exported.worksheets[0] as ExcelJS.Worksheet;
    sheet.getRow(2).getCell(col('摘要')).value = '预览之后才改的摘要';
    const shown = await preview(transport, '目录.xlsx', new Uint8Array(await exported.xlsx.writeBuffer()));
    expect(shown.text).toContain('更新 1 个');
    // Meanwhile someone else edits the same dataset's summary: what the preview showed no longer holds.
    await db.run("update datasets set description = '别人同时改的摘要' where slug = ?", sheet.getRow(2).getCell(col('数据集标识')).value);
    const before = await datasetsSnapshot();
    const confirmed = await transport.post('/manage/catalogue', { intent: 'confirm', ticket: shown.ticket, digest: shown.digest });
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toContain('notice=stale');
    expect(await datasetsSnapshot()).toEqual(before);
    expect(visibleText((await transport.get(confirmed.location ?? '')).body)).toContain('预览之后目录有了变化');
  });

  it('keeps an upload to the one who made it', async () => {
    const exported = (await download(transport, '/manage/catalogue.xlsx')).bytes;
    const shown = await preview(transport, '目录.xlsx', exported);
    const theirs = await civil.get(shown.location);
    expect(theirs.status).toBe(200);
    expect(visibleText(theirs.body)).toContain('这次上传已过期或已处理');
    expect(inputValue(theirs.body, 'ticket')).toBeUndefined();
    const forged = await civil.post('/manage/catalogue', { intent: 'confirm', ticket: shown.ticket, digest: shown.digest });
    expect(forged.location).toBe('/manage/catalogue?notice=expired');
    const tampered = `${shown.ticket.slice(0, -2)}xx`;
    expect((await transport.post('/manage/catalogue', { intent: 'confirm', ticket: tampered, digest: shown.digest })).location).toBe('/manage/catalogue?notice=expired');
    // Discarding removes it.
    const discarded = await transport.post('/manage/catalogue', { intent: 'discard', ticket: shown.ticket });
    expect(discarded.location).toBe('/manage/catalogue?notice=discarded');
    expect(visibleText((await transport.get(shown.location)).body)).toContain('这次上传已过期或已处理');
  });
});

describe('bad sheets', () => {
  it('names the missing columns of a sheet in another layout', async () => {
    const shown = await preview(transport, '别的表.csv', new TextEncoder().encode(csv([['标题', '编号'], ['公交站点', 'A1']])));
    expect(shown.text).toContain('无法导入这个文件：缺少必需的列：资源名称、资源代码。');
    expect(shown.html).not.toContain('value="confirm"');
  });

  it('refuses a file that is not a table', async () => {
    const refused = await upload(transport, '目录.pdf', new TextEncoder().encode('%PDF-1.4'));
    expect(refused.status).toBe(400);
    expect(visibleText(refused.body)).toContain('目录只能导入 XLSX 或 CSV 文件。');
  });

  it('lists every bad value and duplicate code by row and column, and applies nothing', async () => {
    const rows = [
      HEADERS,
      HEADERS.map((h) => ({ 资源名称: '新资源甲', 资源代码: 'ZZ-0001', 资源分类: '重点' })[h] ?? ''),
      HEADERS.map((h) => ({ 资源名称: '新资源乙', 资源代码: 'ZZ-0002' })[h] ?? ''),
      HEADERS.map((h) => ({ 资源名称: '新资源丙', 资源代码: 'ZZ-0002', 共享类型: '随便' })[h] ?? ''),
      HEADERS.map((h) => ({ 资源名称: '民政的资源', 资源代码: 'ZZ-0004', 提供方: '云溪市民政局' })[h] ?? ''),
    ];
    const before = await datasetsSnapshot();
    const shown = await preview(transport, '目录.csv', new TextEncoder().encode(csv(rows)));
    expect(shown.text).toContain('有错误的 3 行');
    expect(shown.text).toContain('文件中有 4 处错误');
    expect(shown.text).toContain('2 资源分类 “重点”不是有效的资源分类，应为基础、主题或部门。');
    expect(shown.text).toContain('4 资源代码 资源代码“ZZ-0002”和第 3 行重复。');
    expect(shown.text).toContain('4 共享类型 “随便”不是有效的共享类型');
    expect(shown.text).toContain('5 提供方 这一行属于其他部门（云溪市民政局），只能导入本部门的资源。');
    expect(shown.html).not.toContain('value="confirm"');
    // A confirmation posted anyway is refused: the sheet is read again on the server.
    const forced = await transport.post('/manage/catalogue', { intent: 'confirm', ticket: shown.ticket, digest: shown.digest });
    expect(forced.status).toBe(303);
    expect(forced.location).not.toContain('applied');
    expect(await datasetsSnapshot()).toEqual(before);
  });

  it('imports a CSV saved by Excel in GBK', async () => {
    const rows = [HEADERS, HEADERS.map((h) => ({ 资源分类: '主题', 资源名称: '公交站点客流（GBK）', 资源代码: 'GBK-0001', 摘要: '按站点统计的日均客流。', 共享类型: '有条件共享', 共享条件: '仅限交通规划', 更新周期: '每月' })[h] ?? '')];
    const shown = await preview(transport, '目录-gbk.csv', encodeGbk(csv(rows)));
    expect(shown.text).toContain('共 1 行：新建 1 个');
    expect(shown.text).toContain('公交站点客流（GBK）');
    const confirmed = await transport.post('/manage/catalogue', { intent: 'confirm', ticket: shown.ticket, digest: shown.digest });
    expect(confirmed.location).toBe('/manage/catalogue?notice=applied&created=1&updated=0');
    const created = await db.get("select d.*, dep.slug as department from datasets d join departments dep on dep.id = d.department_id where d.resource_code = 'GBK-0001'");
    expect(created).toMatchObject({ title: '公交站点客流（GBK）', status: 'draft', department: 'transport', resource_category: 'theme', sharing: 'conditional', sharing_conditions: '仅限交通规划', update_frequency: 'monthly', description: '按站点统计的日均客流。' });
  });
});

describe('10,000 rows', () => {
  it('are previewed with totals and a page of changes, and imported in one go while the site answers', async () => {
    const rows = [HEADERS];
    for (let i = 1; i <= 10_000; i += 1) {
      const code = `BULK-${String(i).padStart(5, '0')}`;
      rows.push(HEADERS.map((h) => ({ 资源名称: `批量资源 ${i}`, 资源代码: code, 资源分类: '部门', 分类编码: '3-01-002', 摘要: `第 ${i} 个资源`, 共享类型: '无条件共享', 开放类型: '不予开放', 更新周期: '每年' })[h] ?? ''));
    }
    const bytes = new TextEncoder().encode(csv(rows));
    const shown = await preview(admin, '万行目录.csv', bytes);
    // Admins name each row's department: without it, every row is an error.
    expect(shown.text).toContain('有错误的 10,000 行');
    expect(shown.text).toContain('显示第 1–100 条，共 10,000 条');

    // With the department named, the rows are good.
    const named = rows.map((r, i) => (i === 0 ? r : r.map((v, j) => (HEADERS[j] === '提供方' ? '云溪市应急管理局' : v))));
    const good = await preview(admin, '万行目录.csv', new TextEncoder().encode(csv(named)));
    expect(good.text).toContain('共 10,000 行：新建 10,000 个，更新 0 个，无变化 0 个，有错误的 0 行。');
    expect(good.text).toContain('显示第 1–100 条，共 10,000 条');
    expect(good.html.match(/新建草稿/g)?.length).toBe(100);
    const second = visibleText((await admin.get(`${good.location}&changes=2`)).body);
    expect(second).toContain('显示第 101–200 条');
    expect(second).toContain('批量资源 101');

    const before = (await db.get<{ n: number }>('select count(*) as n from datasets'))!.n;
    const started = Date.now();
    const confirming = admin.post('/manage/catalogue', { intent: 'confirm', ticket: good.ticket, digest: good.digest });
    // The request thread stays free meanwhile.
    const slowest = await (async () => {
      let worst = 0;
      const visitor = new HttpClient(server.url);
      for (let i = 0; i < 5; i += 1) {
        const t0 = Date.now();
        expect((await visitor.get('/healthz')).status).toBe(200);
        worst = Math.max(worst, Date.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return worst;
    })();
    const confirmed = await confirming;
    expect(confirmed.location).toBe('/manage/catalogue?notice=applied&created=10000&updated=0');
    expect(slowest).toBeLessThan(1000);
    expect((await db.get<{ n: number }>('select count(*) as n from datasets'))!.n).toBe(before + 10_000);
    expect((await db.get<{ n: number }>("select count(*) as n from datasets d join departments dep on dep.id = d.department_id where d.resource_code like 'BULK-%' and dep.slug = 'emergency' and d.status = 'draft' and d.access_level = 'closed'"))!.n).toBe(10_000);
    console.info(`10,000 rows confirmed in ${Date.now() - started} ms; slowest health check meanwhile ${slowest} ms`);
  }, 120_000);

  it('caps the errors shown per page', async () => {
    const rows = [HEADERS];
    for (let i = 1; i <= 250; i += 1) rows.push(HEADERS.map((h) => ({ 资源名称: `坏资源 ${i}`, 资源代码: `BAD-${i}`, 更新周期: '每半年' })[h] ?? ''));
    const shown = await preview(transport, '坏目录.csv', new TextEncoder().encode(csv(rows)));
    expect(shown.text).toContain('文件中有 250 处错误');
    expect(shown.text).toContain('显示第 1–100 条，共 250 条');
    expect(shown.html.match(/不是有效的更新周期/g)?.length).toBe(100);
    const last = visibleText((await transport.get(`${shown.location}&errors=3`)).body);
    expect(last).toContain('显示第 201–250 条，共 250 条');
  });
});
