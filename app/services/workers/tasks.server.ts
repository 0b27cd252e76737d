/**
 * What the worker threads can do. Each handler takes plain data and returns plain data (they cross
 * a thread boundary by structured clone), and is safe to run again after a crash.
 */
export const taskHandlers = {
  /** The pool's own tests use these three. */
  echo: (input: { value: unknown; delayMs?: number }) =>
    new Promise<unknown>((resolve) => setTimeout(() => resolve(input.value), input.delayMs ?? 0)),
  fail: (input: { message: string }) => {
    throw new Error(input.message);
  },
  crash: () => {
    if (process.env.NODE_ENV !== 'test') throw new Error('crash is for tests only');
    process.exit(3);
  },
};

export type TaskHandlers = typeof taskHandlers;
export type TaskKind = keyof TaskHandlers;
export type TaskInput<K extends TaskKind> = Parameters<TaskHandlers[K]>[0];
export type TaskOutput<K extends TaskKind> = Awaited<ReturnType<TaskHandlers[K]>>;
