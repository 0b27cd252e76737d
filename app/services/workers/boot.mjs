// Entry of every worker thread: the app's TypeScript sources are loaded through tsx (the same
// loader `npm start` uses), then the task dispatcher takes over.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: workerData.tsconfig });
await import(workerData.entry);
