/**
 * Who follows which challenge, dataset or data request. Whether the viewer may see the target is
 * checked by the caller (the follow route resolves the target as the viewer first).
 */
import { and, eq, ne } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { challenges, dataRequests, datasets, follows, type FollowTarget } from '../../db/tables';

export async function setFollowing(userId: number, targetType: FollowTarget, targetId: number, following: boolean): Promise<void> {
  const db = getDb();
  if (following) {
    await db.insert(follows).values({ userId, targetType, targetId }).onConflictDoNothing();
  } else {
    await db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.targetType, targetType), eq(follows.targetId, targetId)));
  }
}

export async function isFollowing(userId: number | null | undefined, targetType: FollowTarget, targetId: number): Promise<boolean> {
  if (!userId) return false;
  return (await getDb()
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.targetType, targetType), eq(follows.targetId, targetId))).limit(1))[0] !== undefined;
}

export async function followerIds(targetType: FollowTarget, targetId: number): Promise<number[]> {
  return (await getDb()
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.targetType, targetType), eq(follows.targetId, targetId))))
    .map((r) => r.userId);
}

/** The page of a target anyone may follow (published challenges and datasets, any data request), or undefined. */
export async function followablePage(targetType: FollowTarget, targetId: number): Promise<string | undefined> {
  const db = getDb();
  if (targetType === 'challenge') {
    const c = (await db.select({ slug: challenges.slug }).from(challenges).where(and(eq(challenges.id, targetId), eq(challenges.status, 'published'))).limit(1))[0];
    return c ? `/challenges/${c.slug}` : undefined;
  }
  if (targetType === 'dataset') {
    const d = (await db.select({ slug: datasets.slug }).from(datasets).where(and(eq(datasets.id, targetId), eq(datasets.status, 'published'), ne(datasets.accessLevel, 'closed'))).limit(1))[0];
    return d ? `/datasets/${d.slug}` : undefined;
  }
  const r = (await db.select({ id: dataRequests.id }).from(dataRequests).where(eq(dataRequests.id, targetId)).limit(1))[0];
  return r ? `/requests/${r.id}` : undefined;
}
