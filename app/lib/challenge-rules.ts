/**
 * What may change in a challenge, and when. Before publication anything goes; afterwards the
 * rules protect participants who already rely on the brief: the deadline can only move later,
 * criteria freeze once judging starts, and every change is announced.
 */
import type { Phase } from './phase';
import type { ChallengeFormValues } from './validation/challenge';

/**
 * A challenge's settings as stored: the validated form (lib/validation/challenge.ts is the one
 * definition of the fields) with its times as instants and its datasets by slug.
 */
export type ChallengeSettings = Omit<ChallengeFormValues, 'slug' | 'opensAt' | 'closesAt' | 'judgingEndsAt' | 'datasets' | 'entrantAccess'> & {
  opensAt: Date;
  closesAt: Date;
  judgingEndsAt: Date;
  datasetSlugs: string[];
  /** Conditional datasets among them whose rows entrants may read by accepting the agreement. */
  entrantAccessSlugs?: string[];
};

export type ChangeProblem =
  | 'closesBeforeOpens'
  | 'judgingBeforeCloses'
  | 'opensFixed'
  | 'deadlineOnlyLater'
  | 'deadlinePassed'
  | 'judgingOnlyLater'
  | 'criteriaFrozen'
  | 'kindInUse'
  | 'teamSizeOnlyLarger'
  | 'judgingModeFixed'
  | 'visibilityFixed';

export type ProblemField = 'opensAt' | 'closesAt' | 'judgingEndsAt' | 'criteria' | 'kinds' | 'teamSizeLimit' | 'blindJudging' | 'visibility';

/** Timeline order, for any challenge. */
export function timelineProblems(next: Pick<ChallengeSettings, 'opensAt' | 'closesAt' | 'judgingEndsAt'>): { field: ProblemField; problem: ChangeProblem }[] {
  const problems: { field: ProblemField; problem: ChangeProblem }[] = [];
  if (next.closesAt.getTime() <= next.opensAt.getTime()) problems.push({ field: 'closesAt', problem: 'closesBeforeOpens' });
  if (next.judgingEndsAt.getTime() <= next.closesAt.getTime()) problems.push({ field: 'judgingEndsAt', problem: 'judgingBeforeCloses' });
  return problems;
}

function sameCriteria(a: ChallengeSettings['criteria'], b: ChallengeSettings['criteria']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Problems with changing a published challenge from `current` to `next` in `phase` (drafts have
 * none beyond the timeline order). `kindsInUse` are the entry kinds existing entries already use.
 */
export function changeProblems(args: {
  current: ChallengeSettings;
  next: ChallengeSettings;
  phase: Phase;
  kindsInUse: { idea: boolean; prototype: boolean };
}): { field: ProblemField; problem: ChangeProblem }[] {
  const { current, next, phase } = args;
  const problems = timelineProblems(next);
  if (phase === 'draft' || phase === 'upcoming') return problems;
  const t = (d: Date) => d.getTime();
  if (t(next.opensAt) !== t(current.opensAt)) problems.push({ field: 'opensAt', problem: 'opensFixed' });
  if (phase === 'open') {
    if (t(next.closesAt) < t(current.closesAt)) problems.push({ field: 'closesAt', problem: 'deadlineOnlyLater' });
  } else if (t(next.closesAt) !== t(current.closesAt)) {
    // After the deadline, reopening would be unfair to those who stopped working at it.
    problems.push({ field: 'closesAt', problem: 'deadlinePassed' });
  }
  if (t(next.judgingEndsAt) < t(current.judgingEndsAt)) problems.push({ field: 'judgingEndsAt', problem: 'judgingOnlyLater' });
  if ((phase === 'judging' || phase === 'results') && !sameCriteria(current.criteria, next.criteria)) problems.push({ field: 'criteria', problem: 'criteriaFrozen' });
  if ((args.kindsInUse.idea && !next.allowIdeas) || (args.kindsInUse.prototype && !next.allowPrototypes)) problems.push({ field: 'kinds', problem: 'kindInUse' });
  if (next.teamSizeLimit < current.teamSizeLimit) problems.push({ field: 'teamSizeLimit', problem: 'teamSizeOnlyLarger' });
  if ((phase === 'judging' || phase === 'results') && next.blindJudging !== current.blindJudging) problems.push({ field: 'blindJudging', problem: 'judgingModeFixed' });
  // Entrants submitted under the visibility they were promised: an ideas gallery or People's Choice
  // (which make entries public) cannot be switched on, or off, once submissions are open.
  if (next.entriesPublic !== current.entriesPublic || next.peoplesChoice !== current.peoplesChoice) problems.push({ field: 'visibility', problem: 'visibilityFixed' });
  return problems;
}

export type ChangeNotice =
  | { kind: 'deadlineExtended'; to: Date }
  | { kind: 'judgingExtended'; to: Date }
  | { kind: 'briefUpdated' }
  | { kind: 'prizesUpdated' }
  | { kind: 'criteriaUpdated' }
  | { kind: 'rulesUpdated' }
  | { kind: 'datasetsUpdated' };

/** The changes participants should hear about, for automatic announcements and the audit log. */
export function describeChanges(current: ChallengeSettings, next: ChallengeSettings): ChangeNotice[] {
  const notices: ChangeNotice[] = [];
  if (next.closesAt.getTime() > current.closesAt.getTime()) notices.push({ kind: 'deadlineExtended', to: next.closesAt });
  if (next.judgingEndsAt.getTime() > current.judgingEndsAt.getTime()) notices.push({ kind: 'judgingExtended', to: next.judgingEndsAt });
  if (next.title !== current.title || next.summary !== current.summary || next.body !== current.body) notices.push({ kind: 'briefUpdated' });
  if (next.prizes !== current.prizes) notices.push({ kind: 'prizesUpdated' });
  if (!sameCriteria(current.criteria, next.criteria)) notices.push({ kind: 'criteriaUpdated' });
  if (
    next.allowIdeas !== current.allowIdeas ||
    next.allowPrototypes !== current.allowPrototypes ||
    next.teamSizeLimit !== current.teamSizeLimit ||
    next.peoplesChoice !== current.peoplesChoice ||
    next.entriesPublic !== current.entriesPublic ||
    next.blindJudging !== current.blindJudging
  ) {
    notices.push({ kind: 'rulesUpdated' });
  }
  if ([...next.datasetSlugs].sort().join() !== [...current.datasetSlugs].sort().join()) notices.push({ kind: 'datasetsUpdated' });
  return notices;
}

/** Each criterion's share of the total weight, 0 to 1 (all zero when there is no weight). */
export function weightShares(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + (w > 0 ? w : 0), 0);
  return weights.map((w) => (total > 0 && w > 0 ? w / total : 0));
}
