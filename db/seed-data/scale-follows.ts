/**
 * Follows beyond the automatic ones (entrants already follow their challenge and requesters their
 * request): people keeping an eye on challenges, datasets and requests, and the known demo user
 * following a good many of each, whose notifications are about what they follow.
 */
import type { FollowTarget } from '../schema';
import { countRows, inserter, inTransaction } from './bulk';
import type { ScaleContext } from './scale-context';
import type { ScaleChallenge } from './scale-challenges';
import type { ScaleDataset, ScaleDatasets } from './scale-datasets';
import type { ScalePeople } from './scale-people';
import type { ScaleRequest } from './scale-requests';
import { allocate, between, shuffled } from './sampling';

export interface Followed {
  challenges: ScaleChallenge[];
  datasets: ScaleDataset[];
  requests: ScaleRequest[];
}

export function seedScaleFollows(ctx: ScaleContext, people: ScalePeople, challenges: readonly ScaleChallenge[], datasets: ScaleDatasets, requests: readonly ScaleRequest[]): Followed {
  const random = ctx.random('follows');
  const insertFollow = inserter(ctx.sqlite, 'follows', ['user_id', 'target_type', 'target_id', 'created_at'], { orIgnore: true });
  const published = challenges.filter((c) => c.phase !== 'draft');
  const since = (type: FollowTarget, index: number) =>
    type === 'challenge' ? ((published[index] as ScaleChallenge).publishedAt ?? ctx.now) : type === 'dataset' ? ((datasets.published[index] as ScaleDataset).publishedAt ?? ctx.now) : (requests[index] as ScaleRequest).createdAt;
  const idOf = (type: FollowTarget, index: number) =>
    type === 'challenge' ? (published[index] as ScaleChallenge).id : type === 'dataset' ? (datasets.published[index] as ScaleDataset).id : (requests[index] as ScaleRequest).id;
  const sizes: Record<FollowTarget, number> = { challenge: published.length, dataset: datasets.published.length, data_request: requests.length };
  const perType = allocate(ctx.volumes.extraFollows, [40, 35, 25]);
  const types: FollowTarget[] = ['challenge', 'dataset', 'data_request'];
  const known = people.demo('citizen');
  const share = ctx.volumes.knownUserNotifications / 6000;
  const followed: Followed = {
    challenges: shuffled(random, published).slice(0, Math.max(5, Math.round(100 * share))),
    datasets: shuffled(random, datasets.published).slice(0, Math.max(5, Math.round(50 * share))),
    requests: shuffled(random, requests).slice(0, Math.max(3, Math.round(30 * share))),
  };
  inTransaction(ctx.sqlite, () => {
    types.forEach((type, k) => {
      if (sizes[type] === 0) return;
      for (let i = 0; i < (perType[k] ?? 0); i += 1) {
        const index = random.int(0, sizes[type] - 1);
        insertFollow(random.pick(people.actors), type, idOf(type, index), between(random, since(type, index), ctx.now));
      }
    });
    for (const c of followed.challenges) insertFollow(known, 'challenge', c.id, between(random, c.publishedAt ?? ctx.now, ctx.now));
    for (const d of followed.datasets) insertFollow(known, 'dataset', d.id, between(random, d.publishedAt ?? ctx.now, ctx.now));
    for (const r of followed.requests) insertFollow(known, 'data_request', r.id, between(random, r.createdAt, ctx.now));
  });
  ctx.log(`follows: ${countRows(ctx.sqlite, 'follows').toLocaleString('en')} in all`);
  return followed;
}
