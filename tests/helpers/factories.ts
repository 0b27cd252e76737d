/**
 * Test data made on the spot, instead of relying on the seed's ids: two departments, each with an
 * official, and a draft dataset owned by the first.
 */
import type { Viewer } from '~/lib/access';
import { createDataset } from '~/models/datasets.server';
import { createDepartment } from '~/models/departments.server';
import { createUser } from '~/services/accounts.server';

export async function twoDepartments(prefix: string): Promise<{ owner: Viewer; other: Viewer; departmentId: number; datasetId: number }> {
  const civil = await createDepartment({ slug: `${prefix}-civil`, name: `${prefix} 民政局` });
  const market = await createDepartment({ slug: `${prefix}-market`, name: `${prefix} 市场监管局` });
  const password = 'a long memorable sentence';
  const a = await createUser({ email: `${prefix}-owner@example.cn`, name: '甲', password, role: 'official', departmentId: civil.id });
  const b = await createUser({ email: `${prefix}-other@example.cn`, name: '乙', password, role: 'official', departmentId: market.id });
  const owner: Viewer = { id: a.id, role: 'official', departmentId: civil.id };
  const other: Viewer = { id: b.id, role: 'official', departmentId: market.id };
  const created = await createDataset(owner, { title: '救助名单', slug: `${prefix}-relief`, description: '', licence: 'gov-open', updateFrequency: 'monthly', tags: [], contactName: '', contactEmail: '' }, civil.id);
  if (!created) throw new Error('no dataset');
  return { owner, other, departmentId: civil.id, datasetId: created.id };
}
