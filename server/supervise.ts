/**
 * What `npm start` runs: the server as a child process, started again if it dies (a crash, an
 * out-of-memory kill), and stopped cleanly with it: SIGTERM or SIGINT is passed on, the child
 * finishes its open requests, and this process exits with it. Restarts back off from 1 s to 30 s
 * while the server keeps dying soon after starting, and reset once it has run for a minute.
 *
 * Under systemd (docs/deploy/jindianzi.service) the unit restarts the server itself; running
 * `node --import tsx server/index.ts` directly there is equally fine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STABLE_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

/** A first start that fails this fast never came up (a bad setting, a broken build): no retrying that. */
const FIRST_START_GRACE_MS = 10_000;

let child: ChildProcess | undefined;
let stopping = false;
let backoff = 1_000;
let firstStart = true;

function note(message: string): void {
  process.stdout.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg: message })}\n`);
}

function start(): void {
  const startedAt = Date.now();
  child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/index.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.once('exit', (code, signal) => {
    child = undefined;
    if (stopping) process.exit(code ?? 0);
    if (firstStart && signal === null && Date.now() - startedAt < FIRST_START_GRACE_MS) process.exit(code ?? 1);
    firstStart = false;
    if (Date.now() - startedAt > STABLE_AFTER_MS) backoff = 1_000;
    note(`The server stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again in ${backoff / 1000} s.`);
    setTimeout(start, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  });
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    stopping = true;
    if (child) child.kill(signal);
    else process.exit(0);
  });
}

start();
