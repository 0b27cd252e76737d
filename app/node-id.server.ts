/**
 * This process's name among the app processes sharing one database: the owner recorded on the
 * leases it holds (import jobs, singleton background work). Unique per start, so a restarted
 * process never mistakes its predecessor's leases for its own.
 */
import crypto from 'node:crypto';
import os from 'node:os';

export const NODE_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;

/**
 * Whether the process that recorded `owner` has certainly stopped: it ran on this machine and its
 * process is gone, or has this process's id (a container restarted: the id repeats, the start
 * differs). A process on another machine is known dead only by its lease expiring.
 */
export function ownerHasStopped(owner: string | null): boolean {
  if (owner === null) return true;
  const [host, pidText] = owner.split(':');
  if (host !== os.hostname() || owner === NODE_ID) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
