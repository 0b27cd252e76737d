import { countUsers } from '~/models/users.server';
import { diskSpace } from '~/services/disk.server';

/**
 * Liveness for uptime monitors: the process answers and can read its database. Free disk space is
 * reported (and `diskLow` set) but does not fail it: a full disk calls for an operator, not a
 * restart. Readiness, with every check that can fail, is /readyz.
 */
export async function loader() {
  await countUsers();
  const disk = diskSpace();
  return Response.json({ ok: true, diskFreeBytes: disk.freeBytes, diskLow: disk.low }, { headers: { 'Cache-Control': 'no-store' } });
}
