/**
 * How much the scale seed makes at a given scale. Every volume is linear in the scale, with a
 * floor so that a quick run (scale 0.001) still has every kind of object and every phase.
 */
export interface ScaleVolumes {
  /** Departments added to the five of the demo city. */
  departments: number;
  /** Participant accounts, judges included. */
  users: number;
  /** Of the users, those who judge (a pool the panels are drawn from). */
  judges: number;
  /** Published challenges, the big one included. */
  challenges: number;
  draftChallenges: number;
  /** Entries in all, the big challenge's included. */
  entries: number;
  bigEntries: number;
  bigJudges: number;
  /** Datasets in all, the million-row one included. */
  datasets: number;
  /** Datasets whose table goes through the importer (the others copy one of these tables). */
  importedDatasets: number;
  millionRows: number;
  /** Criterion scores (reviews × criteria); met approximately, by choosing judges per entry. */
  scores: number;
  comments: number;
  /** Of the comments, those on the big challenge's discussion. */
  bigComments: number;
  notifications: number;
  /** Of the notifications, those of the known demo user. */
  knownUserNotifications: number;
  dataRequests: number;
  requestVotes: number;
  /** People's Choice votes on the big challenge. */
  bigVotes: number;
  /** Follows beyond the automatic ones (entrants follow their challenge, requesters their request). */
  extraFollows: number;
}

const AT_SCALE_ONE: ScaleVolumes = {
  departments: 50,
  users: 100_000,
  judges: 1_000,
  challenges: 1_000,
  draftChallenges: 20,
  entries: 100_000,
  bigEntries: 20_000,
  bigJudges: 30,
  datasets: 2_000,
  importedDatasets: 50,
  millionRows: 1_000_000,
  scores: 500_000,
  comments: 200_000,
  bigComments: 5_000,
  notifications: 1_000_000,
  knownUserNotifications: 6_000,
  dataRequests: 5_000,
  requestVotes: 400_000,
  bigVotes: 30_000,
  extraFollows: 50_000,
};

const FLOOR: ScaleVolumes = {
  departments: 3,
  users: 400,
  judges: 12,
  challenges: 8,
  draftChallenges: 1,
  entries: 150,
  bigEntries: 40,
  bigJudges: 3,
  datasets: 12,
  importedDatasets: 4,
  millionRows: 2_000,
  scores: 300,
  comments: 150,
  bigComments: 30,
  notifications: 600,
  knownUserNotifications: 60,
  dataRequests: 10,
  requestVotes: 100,
  bigVotes: 20,
  extraFollows: 50,
};

export const MAX_SCALE = 5;

export function scaleVolumes(scale: number): ScaleVolumes {
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) throw new RangeError(`scale must be above 0 and at most ${MAX_SCALE}`);
  const volumes = {} as ScaleVolumes;
  for (const key of Object.keys(AT_SCALE_ONE) as (keyof ScaleVolumes)[]) {
    volumes[key] = Math.max(FLOOR[key], Math.round(AT_SCALE_ONE[key] * scale));
  }
  // Caps that keep the whole consistent: a panel comes from the judge pool, and the templates are datasets too.
  volumes.bigJudges = Math.min(volumes.bigJudges, AT_SCALE_ONE.bigJudges, volumes.judges);
  volumes.importedDatasets = Math.min(volumes.importedDatasets, AT_SCALE_ONE.importedDatasets, volumes.datasets - 1);
  return volumes;
}
