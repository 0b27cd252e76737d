/**
 * Worker threads for heavy work (results of large challenges, index builds, imports, exports):
 * the web process hands a task over and awaits its answer, and keeps serving pages meanwhile.
 *
 * One thread by default (WORKER_THREADS): this is a small machine, and the web process needs the
 * other core. Tasks queue in order. A thread that dies fails its task and is replaced. A thread
 * left idle for a while (WORKER_IDLE_MS, 20 s) is stopped: a heavy task leaves hundreds of
 * megabytes in its heap that V8 keeps, and a new thread starts in well under a second.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { TaskReply, TaskRequest } from './protocol';
import type { TaskInput, TaskKind, TaskOutput } from './tasks.server';
import { errorFields, log } from '~/log.server';
import { config } from '~/config.server';

/** The project root: the sources are loaded from here whether this module runs built or not. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the worker pool');
    dir = parent;
  }
  return dir;
}

export class WorkerTaskError extends Error {
  constructor(
    message: string,
    readonly remoteName: string,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

interface Pending {
  request: TaskRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

class Slot {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  current: Pending | null = null;

  constructor(
    private readonly root: string,
    private readonly onIdle: () => void,
    private readonly idleMs: number,
    private readonly resourceLimits: ResourceLimits | undefined,
  ) {}

  /** Called when the pool has nothing more for this slot: stop the thread unless work comes soon. */
  rest(): void {
    if (this.current || !this.worker || this.idleTimer || !(this.idleMs > 0)) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.current) void this.stop();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  get started(): boolean {
    return this.worker !== null;
  }

  private wake(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private start(): Promise<void> {
    const worker = new Worker(path.join(this.root, 'app/services/workers/boot.mjs'), {
      workerData: { entry: pathToFileURL(path.join(this.root, 'app/services/workers/worker.server.ts')).href, tsconfig: path.join(this.root, 'tsconfig.json') },
      resourceLimits: this.resourceLimits,
    });
    this.worker = worker;
    // Keep the process free to exit when nothing else is running (tests, the CLI).
    worker.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (message: TaskReply | { ready: true }) => {
        if ('ready' in message) {
          resolve();
          return;
        }
        const pending = this.current;
        if (!pending || pending.request.id !== message.id) return;
        this.current = null;
        if (message.ok) pending.resolve(message.output);
        else pending.reject(new WorkerTaskError(message.error.message, message.error.name));
        this.onIdle();
      });
    });
    // Why the thread died, when it says (ERR_WORKER_OUT_OF_MEMORY past its resource limits).
    let exitReason: string | undefined;
    worker.on('error', (error) => {
      exitReason = (error as NodeJS.ErrnoException).code ?? error.message;
      log.error(errorFields(error), 'worker thread failed');
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.ready = null;
      const pending = this.current;
      this.current = null;
      pending?.reject(new WorkerTaskError(`worker thread exited with code ${code} during ${pending.request.kind}${exitReason ? `: ${exitReason}` : ''}`, exitReason ?? 'WorkerExit'));
      this.onIdle();
    });
    return this.ready;
  }

  run(pending: Pending): void {
    this.wake();
    this.current = pending;
    const started = this.worker && this.ready ? this.ready : this.start();
    started.then(
      () => this.worker?.postMessage(pending.request),
      (error: unknown) => {
        this.current = null;
        this.worker = null;
        this.ready = null;
        pending.reject(error instanceof Error ? error : new Error(String(error)));
        this.onIdle();
      },
    );
  }

  async stop(): Promise<void> {
    this.wake();
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(size: number, options: { idleMs?: number; resourceLimits?: ResourceLimits } = {}) {
    const root = projectRoot();
    const idleMs = options.idleMs ?? 20_000;
    this.slots = Array.from({ length: Math.max(1, size) }, () => new Slot(root, () => this.dispatch(), idleMs, options.resourceLimits));
  }

  run<K extends TaskKind>(kind: K, input: TaskInput<K>): Promise<TaskOutput<K>> {
    return new Promise<TaskOutput<K>>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, kind, input }, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Tasks waiting for a thread (not counting those running). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Threads started and not stopped (idle ones stop after `idleMs`). */
  get threads(): number {
    return this.slots.filter((slot) => slot.started).length;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current) continue;
      const next = this.queue.shift();
      if (next) slot.run(next);
      else slot.rest();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.stop()));
  }
}

let shared: WorkerPool | undefined;

function configuredSize(): number {
  return config().workerThreads;
}

function configuredIdleMs(): number {
  return config().workerIdleMs;
}

/** The process's pool, started on first use. */
export function workerPool(): WorkerPool {
  shared ??= new WorkerPool(configuredSize(), { idleMs: configuredIdleMs() });
  return shared;
}

export function runTask<K extends TaskKind>(kind: K, input: TaskInput<K>): Promise<TaskOutput<K>> {
  return workerPool().run(kind, input);
}

let imports: WorkerPool | undefined;

/** Heap limit of the import thread (IMPORT_MEMORY_MB, default 768): past it the import fails, the server stays. */
export function importMemoryMb(): number {
  return config().importMemoryMb;
}

/**
 * The import thread: one, apart from the shared pool, so a long import neither waits behind nor
 * holds up the short tasks (results, indexes), and its memory limit applies to imports alone.
 */
export function importPool(): WorkerPool {
  imports ??= new WorkerPool(1, { idleMs: configuredIdleMs(), resourceLimits: { maxOldGenerationSizeMb: importMemoryMb() } });
  return imports;
}

let stopping = false;

/** Whether the threads are being stopped (the server is shutting down): their tasks end unfinished. */
export function workersStopping(): boolean {
  return stopping;
}

export async function stopWorkers(): Promise<void> {
  stopping = true;
  await Promise.all([shared?.stop(), imports?.stop()]).finally(() => {
    stopping = false;
  });
  shared = undefined;
  imports = undefined;
}
