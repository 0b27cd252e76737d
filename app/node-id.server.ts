/**
 * This process's name among the app processes sharing one database: the owner recorded on the
 * leases it holds (import jobs, singleton background work). Unique per start, so a restarted
 * process never mistakes its predecessor's leases for its own; the same in every copy of this
 * module a process loads (the server's start-up code and the app build each load one).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/**
 * Where process ids mean something: the machine and its process-id namespace (containers on one
 * host, even with the host's name, each have their own). Written without ':', which separates the
 * parts of a node id.
 */
function processSpace(): string {
  let namespace = '';
  try {
    namespace = fs.readlinkSync('/proc/self/ns/pid').replace(/\D/g, '');
  } catch {
    // Not Linux: the host name alone.
  }
  return `${os.hostname()}${namespace ? `/${namespace}` : ''}`.replaceAll(':', '_');
}

const PROCESS_SPACE = processSpace();
const shared = globalThis as { jindianziNodeId?: string };
shared.jindianziNodeId ??= `${PROCESS_SPACE}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
export const NODE_ID: string = shared.jindianziNodeId;

/**
 * Whether the process that recorded `owner` has certainly stopped: it ran in this process-id space
 * and its process is gone, or has this process's id (a container restarted: the id repeats, the
 * start differs). A process elsewhere is known dead only by its lease expiring.
 */
export function ownerHasStopped(owner: string | null): boolean {
  if (owner === null) return true;
  const [space, pidText] = owner.split(':');
  if (space !== PROCESS_SPACE || owner === NODE_ID) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
