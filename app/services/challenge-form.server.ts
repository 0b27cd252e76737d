/** Shared by "new challenge" and "edit challenge": parse, validate and map rule problems to fields. */
import { parseWithZod } from '@conform-to/zod';
import type { ChangeProblem, ProblemField } from '~/lib/challenge-rules';
import { challengeSchema, toChallengeSettings } from '~/lib/validation/challenge';
import { dateToZonedLocal } from '~/lib/zoned-time';
import type { ChallengeSettings } from '~/lib/challenge-rules';
import { config } from '~/config.server';

export function parseChallengeForm(form: FormData) {
  const timeZone = config().timeZone;
  const submission = parseWithZod(form, { schema: challengeSchema(timeZone) });
  if (submission.status !== 'success') return { submission, input: null };
  return { submission, input: toChallengeSettings(submission.value, timeZone) };
}

/** Rule problems as conform field errors (message keys). */
export function problemErrors(problems: { field: ProblemField; problem: ChangeProblem }[]): Record<string, string[]> {
  const fieldNames: Record<ProblemField, string> = {
    opensAt: 'opensAt',
    closesAt: 'closesAt',
    judgingEndsAt: 'judgingEndsAt',
    criteria: 'criteria',
    kinds: 'allowIdeas',
    teamSizeLimit: 'teamSizeLimit',
    blindJudging: 'blindJudging',
    visibility: 'entriesPublic',
  };
  const errors: Record<string, string[]> = {};
  for (const { field, problem } of problems) {
    const name = fieldNames[field];
    (errors[name] ??= []).push(`errors.challenge.${problem}`);
  }
  return errors;
}

/** Stored settings as the form's default values, times shown in the platform's zone. */
export function formDefaults(settings: ChallengeSettings, slug: string) {
  const timeZone = config().timeZone;
  return {
    ...settings,
    slug,
    opensAt: dateToZonedLocal(settings.opensAt, timeZone),
    closesAt: dateToZonedLocal(settings.closesAt, timeZone),
    judgingEndsAt: dateToZonedLocal(settings.judgingEndsAt, timeZone),
    datasets: settings.datasetSlugs,
    entrantAccess: settings.entrantAccessSlugs ?? [],
  };
}
