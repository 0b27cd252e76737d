/**
 * Data requests for the scale seed: asked by participants, most of them still open, the others
 * answered by the department with a structured outcome and a public history, and voted on with
 * the long tail of a real site (a few requests gather thousands of votes, most a handful).
 */
import type { DataRequestStatus, DeclineReason } from '../schema';
import { DAY, HOUR } from './clock';
import { inserter, inTransaction } from './bulk';
import type { Random } from './random';
import type { ScaleContext } from './scale-context';
import type { ScaleDatasets } from './scale-datasets';
import type { ScaleDepartment, ScalePeople } from './scale-people';
import { allocate, between, permutation, shuffled, zipfWeights } from './sampling';
import { CITIES, requestDescription, requestPurpose, requestTitle, TOPICS, type Topic } from './scale-text';

export interface ScaleRequest {
  id: number;
  title: string;
  departmentId: number | null;
  requesterId: number;
  status: DataRequestStatus;
  createdAt: number;
  respondedAt: number | null;
  topic: Topic;
}

const OUTCOMES: { status: DataRequestStatus; weight: number }[] = [
  { status: 'open', weight: 45 },
  { status: 'planned', weight: 15 },
  { status: 'exists', weight: 10 },
  { status: 'fulfilled', weight: 12 },
  { status: 'released', weight: 5 },
  { status: 'declined', weight: 13 },
];

const ANSWERS: Record<Exclude<DataRequestStatus, 'open'>, string> = {
  planned: '已纳入数据开放计划，预计按计划时间在本平台发布。',
  exists: '该数据已经开放，请见关联的数据集。',
  fulfilled: '已根据您的需求发布相关数据集，欢迎使用并提出意见。',
  released: '原始数据含个人信息，已脱敏后开放，详见关联数据集的说明。',
  declined: '该数据涉及个人信息或尚未电子化，暂不开放。我们会定期发布汇总统计。',
};

const DECLINE_REASONS: DeclineReason[] = ['personal_data', 'not_held', 'legal', 'other'];

function pickOutcome(random: Random): DataRequestStatus {
  let roll = random.next() * 100;
  for (const outcome of OUTCOMES) {
    roll -= outcome.weight;
    if (roll < 0) return outcome.status;
  }
  return 'open';
}

export function seedScaleRequests(ctx: ScaleContext, people: ScalePeople, datasets: ScaleDatasets): ScaleRequest[] {
  const { sqlite, now, volumes } = ctx;
  const random = ctx.random('requests');
  const insertRequest = inserter(sqlite, 'data_requests', ['title', 'description', 'purpose', 'department_id', 'requester_id', 'status', 'response', 'responded_by', 'responded_at', 'fulfilled_dataset_id', 'planned_for', 'decline_reason', 'created_at', 'updated_at']);
  const insertEvent = inserter(sqlite, 'data_request_events', ['request_id', 'actor_id', 'status', 'note', 'dataset_id', 'planned_for', 'decline_reason', 'created_at']);
  const insertVote = inserter(sqlite, 'data_request_votes', ['request_id', 'user_id', 'created_at']);
  const insertFollow = inserter(sqlite, 'follows', ['user_id', 'target_type', 'target_id', 'created_at'], { orIgnore: true });
  const datasetsOfTopic = new Map(TOPICS.map((t) => [t.slug, datasets.published.filter((d) => d.topic.slug === t.slug)]));

  return inTransaction(sqlite, () => {
    const requests: ScaleRequest[] = [];
    for (let i = 0; i < volumes.dataRequests; i += 1) {
      const department: ScaleDepartment | null = random.chance(0.9) ? random.pick(people.departments) : null;
      const ownTopics = TOPICS.filter((t) => t.bureau === department?.bureau);
      const topic = random.pick(ownTopics.length > 0 ? ownTopics : TOPICS);
      const city = department?.city ?? random.pick(CITIES);
      const requesterId = random.pick(people.actors);
      const createdAt = now - random.int(1, 700) * DAY - random.int(0, 23) * HOUR;
      const status = createdAt > now - 2 * DAY ? 'open' : pickOutcome(random);
      const answer = status === 'open' ? null : answerOf(random, status, createdAt, now, department ?? random.pick(people.departments), datasetsOfTopic.get(topic.slug) ?? [], datasets);
      const title = requestTitle(random, city, topic);
      const id = insertRequest(
        title,
        requestDescription(random, topic),
        requestPurpose(random, topic),
        department?.id ?? null,
        requesterId,
        status,
        answer?.note ?? '',
        answer?.by ?? null,
        answer?.at ?? null,
        answer?.datasetId ?? null,
        answer?.plannedFor ?? null,
        answer?.declineReason ?? null,
        createdAt,
        answer?.at ?? createdAt,
      );
      insertEvent(id, requesterId, 'open', '', null, null, null, createdAt);
      if (answer) {
        // Some were promised first and delivered later: the history shows both steps.
        if ((status === 'fulfilled' || status === 'released') && random.chance(0.3)) {
          const promisedAt = between(random, createdAt, answer.at);
          insertEvent(id, answer.by, 'planned', ANSWERS.planned, null, monthOf(answer.at + 10 * DAY), null, promisedAt);
        }
        insertEvent(id, answer.by, status, answer.note, answer.datasetId, answer.plannedFor, answer.declineReason, answer.at);
      }
      // Whoever asks follows the request, as the site does for them.
      insertFollow(requesterId, 'data_request', id, createdAt);
      requests.push({ id, title, departmentId: department?.id ?? null, requesterId, status, createdAt, respondedAt: answer?.at ?? null, topic });
    }

    const perRequest = allocate(volumes.requestVotes, zipfWeights(requests.length, 0.9), people.actors.length - 1);
    // Popularity does not follow the order of creation.
    const order = shuffled(random, requests.map((_, i) => i));
    let votes = 0;
    perRequest.forEach((count, rank) => {
      const request = requests[order[rank] as number] as ScaleRequest;
      const next = permutation(random, people.actors.length);
      for (let k = 0; k < count; k += 1) {
        let voter = people.actors[next()] as number;
        if (voter === request.requesterId) voter = people.actors[next()] as number;
        insertVote(request.id, voter, between(random, request.createdAt, now));
        votes += 1;
      }
    });
    ctx.log(`requests: ${requests.length.toLocaleString('en')} data requests with ${votes.toLocaleString('en')} votes`);
    return requests;
  });
}

/** YYYY-MM, the form an approximate release date takes. */
function monthOf(instant: number): string {
  const date = new Date(instant);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

function answerOf(random: Random, status: Exclude<DataRequestStatus, 'open'>, createdAt: number, now: number, department: ScaleDepartment, ofTopic: readonly { id: number }[], datasets: ScaleDatasets) {
  const at = Math.min(now - HOUR, createdAt + random.int(1, 30) * DAY + random.int(0, 8) * HOUR);
  const linked = status === 'exists' || status === 'fulfilled' || status === 'released' ? (random.pick(ofTopic.length > 0 ? ofTopic : datasets.published) as { id: number }).id : null;
  return {
    at,
    by: department.officialId,
    note: ANSWERS[status],
    datasetId: linked,
    plannedFor: status === 'planned' ? monthOf(now + random.int(30, 300) * DAY) : null,
    declineReason: status === 'declined' ? random.pick(DECLINE_REASONS) : null,
  };
}
