/** Messages between the web process and its worker threads. */
export interface TaskRequest {
  id: number;
  kind: string;
  input: unknown;
}

export type TaskReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };
