/**
 * Who follows which challenge, dataset or data request. Whether the viewer may see the target is
 * checked by the caller (the follow route resolves the target as the viewer first).
 */
import { and, eq, ne } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { challenges, dataRequests, datasets, follows, type FollowTarget } from '../../db/schema';

export async function setFollowing(userId: number, targetType: FollowTarget, targetId: number, following: boolean): Promise<void> {
  const db = getDb();
  if (following) {
    db.insert(follows).values({ userId, targetType, targetId }).onConflictDoNothing().run();
  } else {
    db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.targetType, targetType), eq(follows.targetId, targetId))).run();
  }
}

export async function isFollowing(userId: number | null | undefined, targetType: FollowTarget, targetId: number): Promise<boolean> {
  if (!userId) return false;
  return getDb()
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.targetType, targetType), eq(follows.targetId, targetId)))
    .get() !== undefined;
}

export async function followerIds(targetType: FollowTarget, targetId: number): Promise<number[]> {
  return getDb()
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.targetType, targetType), eq(follows.targetId, targetId)))
    .all()
    .map((r) => r.userId);
}

/** The page of a target anyone may follow (published challenges and datasets, any data request), or undefined. */
export async function followablePage(targetType: FollowTarget, targetId: number): Promise<string | undefined> {
  const db = getDb();
  if (targetType === 'challenge') {
    const c = db.select({ slug: challenges.slug }).from(challenges).where(and(eq(challenges.id, targetId), eq(challenges.status, 'published'))).get();
    return c ? `/challenges/${c.slug}` : undefined;
  }
  if (targetType === 'dataset') {
    const d = db.select({ slug: datasets.slug }).from(datasets).where(and(eq(datasets.id, targetId), eq(datasets.status, 'published'), ne(datasets.accessLevel, 'closed'))).get();
    return d ? `/datasets/${d.slug}` : undefined;
  }
  const r = db.select({ id: dataRequests.id }).from(dataRequests).where(eq(dataRequests.id, targetId)).get();
  return r ? `/requests/${r.id}` : undefined;
}
