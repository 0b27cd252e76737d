/**
 * The worker thread: runs one task at a time for the web process, with a database connection of
 * its own (getDb() opens one per thread), so heavy work never holds the web process's event loop.
 */
import '~/locales/all.server';
import { parentPort } from 'node:worker_threads';
import type { TaskReply, TaskRequest } from './protocol';
import { taskHandlers } from './tasks.server';

const port = parentPort;
if (!port) throw new Error('worker.server.ts runs only as a worker thread');

port.on('message', (request: TaskRequest) => {
  void run(request).then((reply) => port.postMessage(reply));
});

async function run(request: TaskRequest): Promise<TaskReply> {
  const handler = taskHandlers[request.kind as keyof typeof taskHandlers] as ((input: unknown) => unknown) | undefined;
  if (!handler) return { id: request.id, ok: false, error: { name: 'Error', message: `unknown task ${request.kind}` } };
  try {
    return { id: request.id, ok: true, output: await handler(request.input) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { id: request.id, ok: false, error: { name: e.name, message: e.message, stack: e.stack } };
  }
}

port.postMessage({ ready: true });
