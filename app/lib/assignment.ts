/**
 * Which judge reviews which entry. Pure and deterministic, so the same call is used for the first
 * assignment and for every later repair (a declared conflict, a judge added or removed): existing
 * work is kept wherever it is still valid, and only the slots that became empty are filled.
 */

export interface Pair {
  entryId: number;
  judgeId: number;
}

export interface AssignmentResult {
  /** Every pair after the call: kept existing pairs plus `added`, by entry then judge order. */
  assignments: Pair[];
  added: Pair[];
  /** Existing pairs that are no longer valid (entry or judge gone, or a conflict). */
  removed: Pair[];
  /** Entries that could not reach `perEntry` for want of eligible judges. */
  shortfall: { entryId: number; missing: number }[];
}

export function assignJudges(input: {
  /** Submitted entries, in a stable order. */
  entryIds: number[];
  /** Judges of the challenge (with accounts). */
  judgeIds: number[];
  /** N judges per entry. */
  perEntry: number;
  /** A judge never reviews an entry they conflict with. */
  conflicts: Pair[];
  /** Assignments (or started reviews) to keep where still valid. */
  existing: Pair[];
}): AssignmentResult {
  const entryIds = [...new Set(input.entryIds)];
  const judgeIds = [...new Set(input.judgeIds)];
  const entryPos = new Map(entryIds.map((id, i) => [id, i]));
  const judgePos = new Map(judgeIds.map((id, i) => [id, i]));
  const target = Number.isFinite(input.perEntry) ? Math.max(0, Math.floor(input.perEntry)) : 0;
  const judgeCount = judgeIds.length;

  // Conflicts as judge positions per entry position; conflicts naming an unknown entry or judge
  // cannot affect anything and are dropped here.
  const conflictsOf: Set<number>[] = entryIds.map(() => new Set());
  for (const { entryId, judgeId } of input.conflicts) {
    const e = entryPos.get(entryId);
    const j = judgePos.get(judgeId);
    if (e !== undefined && j !== undefined) conflictsOf[e]!.add(j);
  }

  const judgesOf: Set<number>[] = entryIds.map(() => new Set());
  const load = new Int32Array(judgeCount);
  const removed: Pair[] = [];
  const removedKeys = new Set<string>();
  for (const { entryId, judgeId } of input.existing) {
    const e = entryPos.get(entryId);
    const j = judgePos.get(judgeId);
    if (e === undefined || j === undefined || conflictsOf[e]!.has(j)) {
      const key = `${entryId}:${judgeId}`;
      if (!removedKeys.has(key)) {
        removedKeys.add(key);
        removed.push({ entryId, judgeId });
      }
      continue;
    }
    // A duplicate of a kept pair is the same assignment, not a stale one: reporting it as removed
    // would lead a caller deleting by (entry, judge) to delete the kept one too.
    if (judgesOf[e]!.has(j)) continue;
    judgesOf[e]!.add(j);
    load[j]! += 1;
  }

  // Most constrained first: an entry with few eligible judges takes them before flexible entries
  // have loaded them up, so the loads still come out even. Stable sort: ties keep entry order.
  const order = entryIds.map((_, e) => e).sort((a, b) => conflictsOf[b]!.size - conflictsOf[a]!.size);

  const added: { e: number; j: number }[] = [];
  for (const e of order) {
    const onEntry = judgesOf[e]!;
    const conflicted = conflictsOf[e]!;
    // Among equally loaded judges the first one counted from a start that rotates with the entry's
    // position wins, so ties do not always fall to the first judge in the list.
    const start = judgeCount > 0 ? e % judgeCount : 0;
    while (onEntry.size < target) {
      let best = -1;
      for (let c = 0; c < judgeCount; c += 1) {
        const j = (start + c) % judgeCount;
        if (onEntry.has(j) || conflicted.has(j)) continue;
        if (best === -1 || load[j]! < load[best]!) best = j;
      }
      if (best === -1) break;
      onEntry.add(best);
      load[best]! += 1;
      added.push({ e, j: best });
    }
  }

  const assignments: Pair[] = [];
  const shortfall: { entryId: number; missing: number }[] = [];
  entryIds.forEach((entryId, e) => {
    const onEntry = judgesOf[e]!;
    for (const j of [...onEntry].sort((a, b) => a - b)) assignments.push({ entryId, judgeId: judgeIds[j]! });
    if (onEntry.size < target) shortfall.push({ entryId, missing: target - onEntry.size });
  });

  return {
    assignments,
    added: added.sort((a, b) => a.e - b.e || a.j - b.j).map(({ e, j }) => ({ entryId: entryIds[e]!, judgeId: judgeIds[j]! })),
    removed,
    shortfall,
  };
}
