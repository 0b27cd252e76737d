import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type CliResult = { code: number | null; stdout: string; stderr: string; out: string };

/**
 * Runs the operator CLI (`scripts/jdz.ts`) against a database without blocking the test's event
 * loop: a synchronous child process starves Vitest's worker RPC, which then fails the whole run
 * with "Timeout calling onTaskUpdate" once the CLI takes a minute on a loaded machine.
 */
export function runJdz(databaseFile: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/jdz.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...options.env, DATABASE_URL: databaseFile },
    });
    let stdout = '';
    let stderr = '';
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), (out += chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => ((stderr += chunk), (out += chunk)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, out }));
    child.stdin.end(options.input ?? '');
  });
}
