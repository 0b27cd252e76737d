/**
 * National-scale data for benchmarks (issue 14): the demo data first (so the demo accounts and their
 * authenticator secret exist), then, at scale 1, a thousand challenges with 100,000 entries (20,000
 * of them in one), 2,000 datasets (one with a real 1,000,000-row table), 100,000 people, half a
 * million review scores, 200,000 comments, 1,000,000 notifications and 5,000 data requests.
 *
 * The real code paths are used where they shape the data (the demo seed, the importer, the
 * assignment of judges, phases from timelines); the volume goes in with prepared statements in
 * large transactions, and the search index is filled once at the end with the search triggers' own
 * expressions, in the order the triggers would have filled it; the triggers that count changes to the
 * results' inputs are off during the load too. Everything is drawn from a seeded PRNG, and timelines are relative to now.
 */
import { clock } from './seed-data/clock';
import { countRows, withBulkLoadSettings, withResultsVersionTriggersDropped, withSearchIndexBuiltAfter } from './seed-data/bulk';
import { stageRandom, type ScaleContext } from './seed-data/scale-context';
import { seedScaleChallenges, seedScaleEntries, BIG_CHALLENGE_SLUG } from './seed-data/scale-challenges';
import { MILLION_ROWS_SLUG, seedScaleDatasets } from './seed-data/scale-datasets';
import { seedScaleDiscussion } from './seed-data/scale-discussion';
import { seedScaleFollows } from './seed-data/scale-follows';
import { seedScaleAwards, seedScaleJudging, seedScaleVotes } from './seed-data/scale-judging';
import { seedScaleNotifications } from './seed-data/scale-notifications';
import { seedScalePeople } from './seed-data/scale-people';
import { scaleVolumes } from './seed-data/scale-plan';
import { seedScaleRequests } from './seed-data/scale-requests';
import { getDb } from './client';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, isDatabaseEmpty, seedDemoData } from './seed';

export { BIG_CHALLENGE_SLUG, MILLION_ROWS_SLUG };

/** The demo user whose notifications number in the thousands. */
export const KNOWN_USER_EMAIL = 'citizen@jindianzi.example';

export interface ScaleSummary {
  scale: number;
  seconds: number;
  /** Rows per kind of object after seeding (demo data included). */
  counts: Record<string, number>;
  /** Judging, People's Choice on, gallery public; also the challenge with the 5,000-comment discussion. */
  bigChallenge: { slug: string; entries: number; comments: number };
  millionRows: { slug: string; rows: number };
  knownUser: { email: string; notifications: number; unread: number };
  /** Accounts to sign in as; every one uses `password`, officials and admins also `totpSecret`. */
  accounts: {
    password: string;
    totpSecret: string;
    admin: string;
    organiser: string;
    judge: string;
    participant: string;
    scaleParticipant: string;
    scaleOfficial: string;
  };
}

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super('The database already has users or departments; the scale seed only fills an empty database.');
  }
}

const COUNTED: Record<string, [table: string, where?: string]> = {
  users: ['users'],
  departments: ['departments'],
  datasets: ['datasets'],
  publishedDatasets: ['datasets', "WHERE status = 'published'"],
  resources: ['dataset_resources'],
  challenges: ['challenges', "WHERE status = 'published'"],
  entries: ['submissions'],
  submittedEntries: ['submissions', "WHERE status = 'submitted'"],
  teamMembers: ['submission_members'],
  revisions: ['submission_revisions'],
  judgeAssignments: ['judge_assignments'],
  reviews: ['reviews'],
  scores: ['scores'],
  votes: ['votes'],
  awards: ['awards'],
  comments: ['comments'],
  notifications: ['notifications'],
  dataRequests: ['data_requests'],
  dataRequestVotes: ['data_request_votes'],
  dataRequestEvents: ['data_request_events'],
  follows: ['follows'],
  searchDocuments: ['search_index'],
};

export async function seedScale(options: { scale: number; log?: (line: string) => void }): Promise<ScaleSummary> {
  const volumes = scaleVolumes(options.scale);
  if (!(await isDatabaseEmpty())) throw new DatabaseNotEmptyError();
  const started = Date.now();
  const log = (line: string) => options.log?.(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
  const now = new Date();
  await seedDemoData(now);
  log('demo data seeded');

  const sqlite = getDb().$client;
  const ctx: ScaleContext = { sqlite, now: now.getTime(), at: clock(now), volumes, log, random: stageRandom };
  const result = await withBulkLoadSettings(sqlite, () =>
    withResultsVersionTriggersDropped(sqlite, () =>
      withSearchIndexBuiltAfter(
        sqlite,
        // The order the stages below fill the searchable tables in.
        ['datasets', 'data_requests', 'challenges', 'submissions', 'comments'],
        async () => {
          const people = seedScalePeople(ctx);
          const datasets = await seedScaleDatasets(ctx, people);
          const requests = seedScaleRequests(ctx, people, datasets);
          const challenges = seedScaleChallenges(ctx, people, datasets);
          seedScaleEntries(ctx, people, challenges);
          seedScaleJudging(ctx, challenges);
          seedScaleAwards(ctx, challenges, seedScaleVotes(ctx, challenges));
          const { replies } = seedScaleDiscussion(ctx, people, challenges, requests);
          const followed = seedScaleFollows(ctx, people, challenges, datasets, requests);
          const known = seedScaleNotifications(ctx, people, { challenges, datasets, requests, replies, followed });
          const first = people.actors[0];
          const official = people.departments.find((d) => d.city.slug !== 'yunxi');
          return { known, datasets, scaleParticipant: first === undefined ? '' : people.email(first), scaleOfficial: official ? people.email(official.officialId) : '' };
        },
        log,
      ),
    ),
  );

  const counts = Object.fromEntries(Object.entries(COUNTED).map(([kind, [table, where]]) => [kind, countRows(sqlite, table, where)]));
  const big = sqlite.prepare('SELECT id FROM challenges WHERE slug = ?').get(BIG_CHALLENGE_SLUG) as { id: number };
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  log(`done in ${seconds} s`);
  return {
    scale: options.scale,
    seconds,
    counts,
    bigChallenge: {
      slug: BIG_CHALLENGE_SLUG,
      entries: countRows(sqlite, 'submissions', `WHERE challenge_id = ${big.id}`),
      comments: countRows(sqlite, 'comments', `WHERE target_type = 'challenge' AND target_id = ${big.id}`),
    },
    millionRows: { slug: result.datasets.million.slug, rows: result.datasets.million.rows },
    knownUser: { email: KNOWN_USER_EMAIL, notifications: result.known.knownUser, unread: result.known.knownUserUnread },
    accounts: {
      password: DEMO_PASSWORD,
      totpSecret: DEMO_TOTP_SECRET,
      admin: 'admin@jindianzi.example',
      organiser: 'transport@jindianzi.example',
      judge: 'judge@jindianzi.example',
      participant: KNOWN_USER_EMAIL,
      scaleParticipant: result.scaleParticipant,
      scaleOfficial: result.scaleOfficial,
    },
  };
}
