/**
 * What the served (public) table of a resource is, given the uploaded columns, what the privacy
 * scan found and what the department decided. Pure: the model applies the plan.
 *
 * - Any flagged column without a decision blocks serving altogether ("nothing by accident").
 * - With no decision that changes data and no row suppression, the upload itself is served.
 * - Otherwise a de-identified copy is built: dropped columns left out, others transformed.
 */
import type { ColumnType, DatastoreColumn, PrivacyAction, PrivacyDetector, PrivacyParams } from '~/lib/vocabulary';

export interface PlanDecision {
  column: string;
  action: PrivacyAction;
  params: PrivacyParams;
  /** What had been found in the column when the decision was taken. */
  detectors: readonly PrivacyDetector[];
}

export interface PlannedColumn {
  name: string;
  type: ColumnType;
  /** The decision that transforms this column, if any ('notPersonal' and no decision serve it as uploaded). */
  decision: PlanDecision | null;
}

export type ServedPlan =
  | { kind: 'blocked'; unresolved: string[] }
  | { kind: 'asUploaded' }
  | { kind: 'derived'; columns: PlannedColumn[]; suppression: { columns: string[]; k: number } | null };

/**
 * Flagged columns without a decision that covers what was found: none at all, or one taken when
 * the column held other kinds of values (a later upload put ID numbers into a "not personal"
 * note column). Dropping a column covers anything.
 */
export function unresolvedColumns(
  columns: readonly { name: string }[],
  findings: readonly { column: string; detector: PrivacyDetector }[],
  decisions: readonly { column: string; action: PrivacyAction; detectors: readonly PrivacyDetector[] }[],
): string[] {
  const present = new Set(columns.map((c) => c.name));
  const byColumn = new Map(decisions.map((d) => [d.column, d]));
  const covered = (f: { column: string; detector: PrivacyDetector }) => {
    const decision = byColumn.get(f.column);
    return decision !== undefined && (decision.action === 'drop' || decision.detectors.includes(f.detector));
  };
  return [...new Set(findings.filter((f) => present.has(f.column) && !covered(f)).map((f) => f.column))];
}

/** A transformed column is text (a masked ID, a year, a pseudonym); a kept one keeps its type. */
function outputType(column: DatastoreColumn, decision: PlanDecision | null): ColumnType {
  if (!decision) return column.type;
  if (decision.action === 'generalise' && decision.params.to === 'year') return 'integer';
  return 'text';
}

export function servedPlan(args: {
  columns: readonly DatastoreColumn[];
  findings: readonly { column: string; detector: PrivacyDetector }[];
  decisions: readonly PlanDecision[];
  suppression: { columns: string[]; k: number } | null;
}): ServedPlan {
  const unresolved = unresolvedColumns(args.columns, args.findings, args.decisions);
  if (unresolved.length > 0) return { kind: 'blocked', unresolved };
  const byColumn = new Map(args.decisions.filter((d) => d.action !== 'notPersonal').map((d) => [d.column, d]));
  const present = new Set(args.columns.map((c) => c.name));
  const suppression = args.suppression && args.suppression.columns.length > 0 && args.suppression.columns.every((c) => present.has(c)) ? args.suppression : null;
  const changes = args.columns.some((c) => byColumn.has(c.name));
  if (!changes && !suppression) return { kind: 'asUploaded' };
  const columns = args.columns
    .filter((c) => byColumn.get(c.name)?.action !== 'drop')
    .map((c) => {
      const decision = byColumn.get(c.name) ?? null;
      return { name: c.name, type: outputType(c, decision), decision };
    });
  // Suppression works on what is served: a dropped quasi-identifier no longer groups anything.
  const kept = new Set(columns.map((c) => c.name));
  const effective = suppression ? { ...suppression, columns: suppression.columns.filter((c) => kept.has(c)) } : null;
  return { kind: 'derived', columns, suppression: effective && effective.columns.length > 0 ? effective : null };
}
