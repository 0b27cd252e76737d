/**
 * The start-up lock lets one process at a time through start-up (SQLite: a lock file in DATA_DIR;
 * PostgreSQL: an advisory lock under `npm run test:pg`). Processes started together are tested with
 * real processes in tests/integration/multi-node.test.ts; here, the lock's own rules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { config } from '../app/config.server';
import { engine } from './client';
import { START_UP_LOCK_FILE, withStartUpLock } from './start-up-lock';

const lockFile = () => path.join(config().dataDir, START_UP_LOCK_FILE);

describe('the start-up lock', () => {
  it('lets one holder in at a time, in turn', async () => {
    const events: string[] = [];
    const hold = (name: string) =>
      withStartUpLock(async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 150));
        events.push(`${name} out`);
      });
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]?.replace(' in', ' out'));
    expect(events).toHaveLength(6);
  });

  it('is given back when the work fails', async () => {
    await expect(withStartUpLock(() => Promise.reject(new Error('migration failed')))).rejects.toThrow('migration failed');
    expect(await withStartUpLock(() => Promise.resolve('next'))).toBe('next');
  });

  it.runIf(engine() === 'sqlite')('takes over a lock file left by a process that died, or by an earlier process with this one’s id', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.mkdirSync(path.dirname(lockFile()), { recursive: true });
    fs.writeFileSync(lockFile(), `${dead.stdout}\n`);
    expect(await withStartUpLock(() => Promise.resolve('taken over'))).toBe('taken over');
    expect(fs.existsSync(lockFile())).toBe(false);
    fs.writeFileSync(lockFile(), `${process.pid} not-held-here\n`);
    expect(await withStartUpLock(() => Promise.resolve('again'))).toBe('again');
  });

  it.runIf(engine() === 'sqlite')('waits for a live holder', async () => {
    // A live process other than this one: the test runner's parent.
    fs.writeFileSync(lockFile(), `${process.ppid}\n`);
    let entered = false;
    const waiting = withStartUpLock(async () => {
      entered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(entered).toBe(false);
    fs.rmSync(lockFile());
    await waiting;
    expect(entered).toBe(true);
  });
});
