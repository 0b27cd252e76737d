/**
 * Notifications for the scale seed, made from what happened: receipts for submitted entries,
 * invitations, announcements (and extended deadlines) to people in the challenge, answers to data
 * requests, new dataset versions, feedback and results, and replies. Each has the kind, parameters
 * and link the site's own events write (app/services/participation-events.server.ts), so the list
 * and the bell render them as they render live ones. Older ones have mostly been read.
 */
import type { NotificationKind } from '../schema';
import { DAY, HOUR } from './clock';
import { inserter, inTransaction } from './bulk';
import type { Random } from './random';
import type { ScaleContext } from './scale-context';
import type { ScaleChallenge, ScaleEntry } from './scale-challenges';
import type { ScaleDatasets } from './scale-datasets';
import type { ReplyNote } from './scale-discussion';
import type { Followed } from './scale-follows';
import type { ScalePeople } from './scale-people';
import type { ScaleRequest } from './scale-requests';
import { allocate, between } from './sampling';

interface Note {
  userId: number;
  kind: NotificationKind;
  params: Record<string, string>;
  link: string;
  createdAt: number;
}

interface Sources {
  people: ScalePeople;
  /** Entries with a server receipt (submitted at some point). */
  received: ScaleEntry[];
  /** Entries with more than one member or a pending invitation. */
  teams: ScaleEntry[];
  /** Published challenges with at least one announcement. */
  announcing: ScaleChallenge[];
  answered: ScaleRequest[];
  datasets: ScaleDatasets;
  /** Submitted entries of challenges whose results are out. */
  judged: ScaleEntry[];
  finished: ScaleChallenge[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Someone the challenge concerns: a member of one of its entries, or any participant following it. */
function concerned(random: Random, sources: Sources, challenge: ScaleChallenge): number {
  const entry = challenge.entries.length > 0 && random.chance(0.8) ? random.pick(challenge.entries) : null;
  return entry ? random.pick(entry.members) : random.pick(sources.people.actors);
}

/** The kinds the scale seed samples (the others are rare, or need links the seed does not make). */
type SampledKind = Exclude<NotificationKind, 'comment_reply' | 'request_received' | 'question_received' | 'application_received' | 'application_decided' | 'request_challenge' | 'adoption_update' | 'request_idea_adopted'>;

type Sampler = (random: Random, sources: Sources, user: number | null) => Note | null;

const SAMPLERS: Record<SampledKind, Sampler> = {
  entry_received: (random, { received }, user) => {
    const entry = random.pick(received);
    const at = entry.submittedAt as number;
    return { userId: user ?? random.pick(entry.members), kind: 'entry_received', params: { entry: entry.title, challenge: entry.challenge.title, at: iso(at) }, link: `/entries/${entry.id}`, createdAt: at };
  },
  team_invitation: (random, { teams, people }, user) => {
    const entry = random.pick(teams);
    const invitee = user ?? random.pick([...entry.members.slice(1), ...entry.invited]);
    return { userId: invitee, kind: 'team_invitation', params: { inviter: people.name(entry.members[0] as number), team: entry.teamName || entry.title, challenge: entry.challenge.title }, link: '/me', createdAt: entry.createdAt + HOUR };
  },
  challenge_update: (random, sources, user) => {
    const challenge = random.pick(sources.announcing);
    const post = random.pick(challenge.announcements);
    const params: Record<string, string> =
      post.deadlineTo !== undefined ? { challenge: challenge.title, notice: 'deadlineExtended', at: iso(post.deadlineTo) } : post.headline ? { challenge: challenge.title, headline: post.headline } : { challenge: challenge.title };
    return { userId: user ?? concerned(random, sources, challenge), kind: 'challenge_update', params, link: `/challenges/${challenge.slug}#announcements`, createdAt: post.createdAt };
  },
  request_answered: (random, { answered, people }, user) => {
    const request = random.pick(answered);
    return { userId: user ?? (random.chance(0.5) ? request.requesterId : random.pick(people.actors)), kind: 'request_answered', params: { request: request.title, status: request.status }, link: `/requests/${request.id}`, createdAt: request.respondedAt as number };
  },
  dataset_updated: (random, { datasets, people }, user) => {
    const dataset = random.pick(datasets.published);
    return { userId: user ?? random.pick(people.actors), kind: 'dataset_updated', params: { dataset: dataset.title }, link: `/datasets/${dataset.slug}`, createdAt: 0 };
  },
  feedback_available: (random, { judged }, user) => {
    const entry = random.pick(judged);
    return { userId: user ?? random.pick(entry.members), kind: 'feedback_available', params: { entry: entry.title, challenge: entry.challenge.title }, link: `/entries/${entry.id}#feedback`, createdAt: entry.challenge.resultsAt as number };
  },
  results_published: (random, sources, user) => {
    const challenge = random.pick(sources.finished);
    return { userId: user ?? random.pick(sources.people.actors), kind: 'results_published', params: { challenge: challenge.title }, link: `/challenges/${challenge.slug}/results`, createdAt: challenge.resultsAt as number };
  },
};

const WEIGHTS: Record<SampledKind, number> = {
  entry_received: 24,
  team_invitation: 8,
  challenge_update: 25,
  request_answered: 10,
  dataset_updated: 12,
  feedback_available: 9,
  results_published: 7,
};

function sourcesOf(people: ScalePeople, challenges: readonly ScaleChallenge[], datasets: ScaleDatasets, requests: readonly ScaleRequest[]): Sources {
  const entries = challenges.flatMap((c) => c.entries);
  return {
    people,
    received: entries.filter((e) => e.submittedAt !== null),
    teams: entries.filter((e) => e.members.length > 1 || e.invited.length > 0),
    announcing: challenges.filter((c) => c.phase !== 'draft' && c.announcements.length > 0),
    answered: requests.filter((r) => r.respondedAt !== null),
    datasets,
    judged: entries.filter((e) => e.status === 'submitted' && e.challenge.phase === 'results'),
    finished: challenges.filter((c) => c.phase === 'results'),
  };
}

/** Whether a sampler has anything to draw from (a tiny seed may have no answered request yet). */
function available(kind: keyof typeof SAMPLERS, sources: Sources): boolean {
  const pools: Record<keyof typeof SAMPLERS, unknown[]> = {
    entry_received: sources.received,
    team_invitation: sources.teams,
    challenge_update: sources.announcing,
    request_answered: sources.answered,
    dataset_updated: sources.datasets.published,
    feedback_available: sources.judged,
    results_published: sources.finished,
  };
  return pools[kind].length > 0;
}

/** The known user's notifications are about what they follow and what they entered. */
function knownUserNotes(sources: Sources, followed: Followed, user: number): (random: Random) => Note {
  const own = sources.received.filter((e) => e.members.includes(user));
  const announcing = followed.challenges.filter((c) => c.announcements.length > 0);
  const finished = followed.challenges.filter((c) => c.phase === 'results');
  const answered = followed.requests.filter((r) => r.respondedAt !== null);
  const datasets = { ...sources.datasets, published: followed.datasets };
  return (random) => {
    const roll = random.next();
    if (roll < 0.05 && own.length > 0) return SAMPLERS.entry_received(random, { ...sources, received: own }, user) as Note;
    if (roll < 0.45 && announcing.length > 0) return SAMPLERS.challenge_update(random, { ...sources, announcing }, user) as Note;
    if (roll < 0.6 && finished.length > 0) return SAMPLERS.results_published(random, { ...sources, finished }, user) as Note;
    if (roll < 0.75 && answered.length > 0) return SAMPLERS.request_answered(random, { ...sources, answered }, user) as Note;
    return SAMPLERS.dataset_updated(random, { ...sources, datasets }, user) as Note;
  };
}

export function seedScaleNotifications(
  ctx: ScaleContext,
  people: ScalePeople,
  sources: { challenges: readonly ScaleChallenge[]; datasets: ScaleDatasets; requests: readonly ScaleRequest[]; replies: readonly ReplyNote[]; followed: Followed },
): { total: number; knownUser: number; knownUserUnread: number } {
  const random = ctx.random('notifications');
  const { now, volumes } = ctx;
  const insert = inserter(ctx.sqlite, 'notifications', ['user_id', 'kind', 'params', 'link', 'mail_state', 'created_at', 'read_at']);
  const pools = sourcesOf(people, sources.challenges, sources.datasets, sources.requests);
  const known = people.demo('citizen');

  const write = (note: Note, isKnown: boolean, fresh = false) => {
    // A dataset's new version is dated after it was published.
    const createdAt = fresh ? now - HOUR : note.kind === 'dataset_updated' ? between(random, now - 400 * DAY, now - HOUR) : Math.min(note.createdAt, now - 60_000);
    const age = now - createdAt;
    const unread = fresh || (isKnown ? age < 30 * DAY && random.chance(0.5) : age < 7 * DAY ? random.chance(0.6) : random.chance(0.08));
    const readAt = unread ? null : Math.min(now - 1000, createdAt + random.int(1, 120) * HOUR);
    insert(note.userId, note.kind, JSON.stringify(note.params), note.link, random.chance(0.2) ? 'mailed' : 'none', createdAt, readAt);
  };

  const knownCount = Math.min(volumes.knownUserNotifications, volumes.notifications);
  const knownNote = knownUserNotes(pools, sources.followed, known);
  const replies = sources.replies.slice(0, volumes.notifications - knownCount);
  const kinds = (Object.keys(WEIGHTS) as (keyof typeof SAMPLERS)[]).filter((k) => available(k, pools));
  const perKind = allocate(volumes.notifications - knownCount - replies.length, kinds.map((k) => WEIGHTS[k]));
  inTransaction(ctx.sqlite, () => {
    // The newest is always unread, so the known user's bell has something whatever the dice say.
    for (let i = 0; i < knownCount; i += 1) write(knownNote(random), true, i === knownCount - 1);
    for (const reply of replies) {
      write({ userId: reply.userId, kind: 'comment_reply', params: { name: reply.replierName, target: reply.targetTitle }, link: reply.link, createdAt: reply.createdAt }, reply.userId === known);
    }
    kinds.forEach((kind, k) => {
      for (let i = 0; i < (perKind[k] ?? 0); i += 1) {
        const note = SAMPLERS[kind](random, pools, null);
        if (note) write(note, note.userId === known);
      }
    });
  });
  const total = (ctx.sqlite.prepare('SELECT count(*) AS n FROM notifications').get() as { n: number }).n;
  const knownUser = (ctx.sqlite.prepare('SELECT count(*) AS n FROM notifications WHERE user_id = ?').get(known) as { n: number }).n;
  const knownUserUnread = (ctx.sqlite.prepare('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL').get(known) as { n: number }).n;
  ctx.log(`notifications: ${total.toLocaleString('en')} (${knownUser.toLocaleString('en')} for citizen@, ${knownUserUnread.toLocaleString('en')} unread)`);
  return { total, knownUser, knownUserUnread };
}
