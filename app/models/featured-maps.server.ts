/** 一张图 combinations featured on the home page, newest first. */
import { desc, eq } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { inserted } from './rows.server';
import { featuredMaps } from '../../db/tables';

/** Featured maps listed for officials on /map (the home page shows the newest). */
export const FEATURED_SHOWN = 10;

export type FeaturedMapRow = typeof featuredMaps.$inferSelect;

export async function insertFeaturedMap(input: { title: string; query: string; departmentId: number | null; createdBy: number }): Promise<number> {
  return inserted(await getDb().insert(featuredMaps).values(input).returning({ id: featuredMaps.id })).id;
}

export async function latestFeaturedMaps(limit: number): Promise<FeaturedMapRow[]> {
  return await getDb().select().from(featuredMaps).orderBy(desc(featuredMaps.createdAt), desc(featuredMaps.id)).limit(limit);
}

export async function getFeaturedMap(id: number): Promise<FeaturedMapRow | undefined> {
  return (await getDb().select().from(featuredMaps).where(eq(featuredMaps.id, id)).limit(1))[0];
}

export async function deleteFeaturedMap(id: number): Promise<void> {
  await getDb().delete(featuredMaps).where(eq(featuredMaps.id, id));
}
