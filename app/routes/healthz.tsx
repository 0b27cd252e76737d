import { countUsers } from '~/models/users.server';

/** Liveness and database check for uptime monitors and the test harness. */
export async function loader() {
  countUsers();
  return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
}
