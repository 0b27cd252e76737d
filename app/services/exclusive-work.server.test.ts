import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { releaseLease, takeLease } from '~/models/job-leases.server';
import { runExclusively } from './exclusive-work.server';

beforeAll(async () => {
  await applyMigrations(getDb());
});

describe('work one process runs at a time', () => {
  it('runs once when asked twice at the same moment, and again once the first run is over', async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    expect(await Promise.all([runExclusively('digests', work), runExclusively('digests', work)])).toEqual([true, false]);
    expect(runs).toBe(1);
    expect(await runExclusively('digests', work)).toBe(true);
    expect(runs).toBe(2);
  });

  it('waits its turn while another process holds the lease, and takes over once that lease expires', async () => {
    let runs = 0;
    const work = async () => void (runs += 1);
    expect(await takeLease('sweep', 'another-node:1:ab', new Date(Date.now() + 60_000))).toBe(true);
    expect(await runExclusively('sweep', work)).toBe(false);
    expect(runs).toBe(0);
    await releaseLease('sweep', 'another-node:1:ab');
    // A lease that ran out (its holder died) is no obstacle.
    expect(await takeLease('sweep', 'another-node:1:ab', new Date(Date.now() - 1))).toBe(true);
    expect(await runExclusively('sweep', work)).toBe(true);
    expect(runs).toBe(1);
  });

  it('gives the lease back when the work fails', async () => {
    await expect(runExclusively('failing', () => Promise.reject(new Error('smtp down')))).rejects.toThrow('smtp down');
    expect(await runExclusively('failing', async () => undefined)).toBe(true);
  });
});
