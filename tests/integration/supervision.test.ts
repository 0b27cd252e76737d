/**
 * `npm start` as an operator runs it: the server comes back after it is killed, and stopping npm
 * stops the server too (no orphan left holding the port).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../helpers/server';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = tempDataDir('jdz-supervise-');

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(what: string, find: () => T | undefined | false, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('npm start', () => {
  it('starts the server again after it dies, and takes it down when stopped', async () => {
    const npm = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: path.join(dataDir, 'jindianzi.db'), PORT: '0', HOST: '127.0.0.1', SKIP_BUILD_CHECK: '1', PAGE_CACHE_SECONDS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk) => (output += String(chunk)));
    npm.stderr.on('data', (chunk) => (output += String(chunk)));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    const pidFile = path.join(dataDir, 'server.pid');
    const urls = () => [...output.matchAll(/listening on (http:\/\/localhost:\d+)/g)].map((m) => (m[1] ?? '').replace('localhost', '127.0.0.1'));

    try {
      const firstUrl = await until('the first start', () => urls()[0]);
      const firstPid = Number(fs.readFileSync(pidFile, 'utf8'));
      expect((await fetch(`${firstUrl}/healthz`)).status).toBe(200);

      process.kill(firstPid, 'SIGKILL');
      const secondUrl = await until('the restart', () => urls()[1]);
      expect(output).toContain('The server stopped unexpectedly (SIGKILL)');
      const secondPid = await until('a new pid', () => {
        const pid = Number(fs.readFileSync(pidFile, 'utf8'));
        return pid !== firstPid && pid;
      });
      expect((await fetch(`${secondUrl}/healthz`)).status).toBe(200);

      npm.kill('SIGTERM');
      expect(await exited).toBe(0);
      await until('the server to exit', () => !alive(secondPid), 15_000);
      await expect(fetch(`${secondUrl}/healthz`)).rejects.toThrow();
      expect(fs.existsSync(pidFile)).toBe(false);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
    }
  });
});

describe('a bad setting', () => {
  it('stops npm start at once with a message naming each bad variable, without restarting', async () => {
    const npm = spawn('npm', ['start'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: path.join(dataDir, 'bad.db'), PORT: 'eighty', MAX_UPLOAD_MB: '-5', HOST: '127.0.0.1', SKIP_BUILD_CHECK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk) => (output += String(chunk)));
    npm.stderr.on('data', (chunk) => (output += String(chunk)));
    const code = await new Promise<number | null>((resolve) => npm.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).not.toBe(0);
    expect(output).toContain('PORT: expected a port number between 0 and 65535, got "eighty"');
    expect(output).toContain('MAX_UPLOAD_MB: expected a positive number of megabytes, got "-5"');
    expect(output).not.toContain('starting it again');
    expect(fs.existsSync(path.join(dataDir, 'bad.db'))).toBe(false);
  }, 30_000);
});
