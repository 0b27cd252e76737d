/** What every stage of the scale seed shares: the connection, the clock, the volumes and the PRNGs. */
import type { At } from './clock';
import type { Sqlite } from './bulk';
import { createRandom, type Random } from './random';
import type { ScaleVolumes } from './scale-plan';

export interface ScaleContext {
  sqlite: Sqlite;
  /** The seeding instant (ms); every timeline is relative to it. */
  now: number;
  at: At;
  volumes: ScaleVolumes;
  log: (line: string) => void;
  /** A PRNG per stage, so changing one stage does not reshuffle what the others generate. */
  random: (stage: string) => Random;
}

const SEED = 20261214;

export function stageRandom(stage: string): Random {
  let hash = SEED;
  for (let i = 0; i < stage.length; i += 1) hash = Math.imul(hash ^ stage.charCodeAt(i), 0x01000193) >>> 0;
  return createRandom(hash);
}
