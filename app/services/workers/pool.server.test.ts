import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from './pool.server';

const pool = new WorkerPool(1);
afterAll(() => pool.stop());

describe('the worker pool', () => {
  it('runs tasks in a thread and answers in order', async () => {
    const answers = await Promise.all([pool.run('echo', { value: 'a', delayMs: 30 }), pool.run('echo', { value: { b: [1, 2] } })]);
    expect(answers).toEqual(['a', { b: [1, 2] }]);
    expect(pool.waiting).toBe(0);
  });

  it('passes a task error back without losing the thread', async () => {
    await expect(pool.run('fail', { message: '坏了' })).rejects.toThrow('坏了');
    expect(await pool.run('echo', { value: 1 })).toBe(1);
  });

  it('stops a thread left idle, and starts one again for the next task', async () => {
    const resting = new WorkerPool(1, { idleMs: 50 });
    try {
      expect(await resting.run('echo', { value: 'first' })).toBe('first');
      expect(resting.threads).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(resting.threads).toBe(0);
      expect(await resting.run('echo', { value: 'again' })).toBe('again');
    } finally {
      await resting.stop();
    }
  });

  it('fails the task of a thread that dies, and starts a new thread for the next', async () => {
    const crashed = pool.run('crash', undefined);
    const queued = pool.run('echo', { value: 'after' });
    await expect(crashed).rejects.toThrow(/exited with code 3/);
    expect(await queued).toBe('after');
  });
});
