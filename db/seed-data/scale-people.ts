/**
 * Departments, officials and participants for the scale seed. Every account shares the demo
 * password (one precomputed hash: hashing 100,000 scrypt passwords would take hours) and the
 * officials share the demo authenticator secret, so benchmarks can sign in as anyone.
 */
import { DAY } from './clock';
import { inserter, inTransaction } from './bulk';
import type { ScaleContext } from './scale-context';
import { BUREAUS, CITIES, personName, type BureauSlug, type City } from './scale-text';
import { shuffled } from './sampling';

export const SCALE_EMAIL_DOMAIN = 'scale.jindianzi.example';

export interface ScaleDepartment {
  id: number;
  slug: string;
  name: string;
  city: City;
  bureau: BureauSlug;
  /** The official who publishes and answers for the department. */
  officialId: number;
}

export interface ScalePeople {
  departments: ScaleDepartment[];
  /** Verified participants who enter, comment, vote and follow (neither demo accounts nor judges). */
  actors: number[];
  /** Accounts that sit on judging panels. */
  judges: number[];
  name: (userId: number) => string;
  email: (userId: number) => string;
  /** Demo accounts by the part of their address before the @. */
  demo: (handle: string) => number;
}

interface AccountRow {
  id: number;
  email: string;
  name: string;
  role: string;
  department_id: number | null;
  password_hash: string;
  totp_secret: string | null;
}

function demoAccounts(ctx: ScaleContext): AccountRow[] {
  return ctx.sqlite.prepare('SELECT id, email, name, role, department_id, password_hash, totp_secret FROM users ORDER BY id').all() as AccountRow[];
}

/** Departments of other cities and bureaus than the demo's, in a stable shuffled order. */
function newDepartmentPlan(ctx: ScaleContext, taken: ReadonlySet<string>) {
  const random = ctx.random('departments');
  const candidates = CITIES.flatMap((city) => BUREAUS.map((bureau) => ({ city, bureau }))).filter((c) => !taken.has(`${c.city.slug}-${c.bureau.slug}`));
  // Other cities first: the demo city keeps its five departments plus only a few more.
  const [elsewhere, home] = [candidates.filter((c) => c.city.slug !== 'yunxi'), candidates.filter((c) => c.city.slug === 'yunxi')];
  return [...shuffled(random, elsewhere), ...shuffled(random, home)].slice(0, ctx.volumes.departments);
}

export function seedScalePeople(ctx: ScaleContext): ScalePeople {
  const { sqlite, now, volumes } = ctx;
  const random = ctx.random('people');
  const existing = demoAccounts(ctx);
  const staff = existing.find((a) => a.role === 'official' && a.totp_secret);
  const citizen = existing.find((a) => a.email.startsWith('citizen@'));
  if (!staff?.totp_secret || !citizen) throw new Error('the demo accounts must be seeded first');
  const passwordHash = citizen.password_hash;
  const sealedSecret = staff.totp_secret;

  const names = new Map<number, string>(existing.map((a) => [a.id, a.name]));
  const emails = new Map<number, string>(existing.map((a) => [a.id, a.email]));
  const demoIds = new Map(existing.map((a) => [a.email.split('@')[0] ?? '', a.id]));

  const demoDepartments = (sqlite.prepare('SELECT id, slug, name FROM departments ORDER BY id').all() as { id: number; slug: string; name: string }[]).map((d) => {
    const official = existing.find((a) => a.role === 'official' && a.department_id === d.id);
    const bureau = BUREAUS.find((b) => b.slug === d.slug);
    if (!official || !bureau) throw new Error(`demo department ${d.slug} has no official or bureau`);
    return { ...d, city: CITIES[0] as City, bureau: bureau.slug, officialId: official.id };
  });

  const insertDepartment = inserter(sqlite, 'departments', ['slug', 'name', 'description', 'created_at']);
  const insertUser = inserter(sqlite, 'users', ['email', 'name', 'password_hash', 'role', 'department_id', 'email_verified_at', 'locale', 'totp_secret', 'totp_enabled_at', 'created_at', 'updated_at']);
  const remember = (id: number, email: string, name: string) => {
    names.set(id, name);
    emails.set(id, email);
    return id;
  };

  return inTransaction(sqlite, () => {
    const departments: ScaleDepartment[] = [...demoDepartments];
    for (const { city, bureau } of newDepartmentPlan(ctx, new Set(demoDepartments.map((d) => `yunxi-${d.slug}`)))) {
      const slug = `${city.slug}-${bureau.slug}`;
      const name = `${city.name}${bureau.name}`;
      const createdAt = now - random.int(400, 900) * DAY;
      const id = insertDepartment(slug, name, bureau.about, createdAt);
      const email = `official-${slug}@${SCALE_EMAIL_DOMAIN}`;
      const officialName = personName(random);
      const officialId = remember(insertUser(email, officialName, passwordHash, 'official', id, createdAt, null, sealedSecret, createdAt, createdAt, createdAt), email, officialName);
      departments.push({ id, slug, name, city, bureau: bureau.slug, officialId });
    }

    const actors: number[] = [];
    const judges: number[] = [];
    const participants = volumes.users - volumes.judges;
    for (let i = 1; i <= volumes.users; i += 1) {
      const judge = i > participants;
      const email = judge ? `judge${String(i - participants).padStart(4, '0')}@${SCALE_EMAIL_DOMAIN}` : `user${String(i).padStart(6, '0')}@${SCALE_EMAIL_DOMAIN}`;
      const name = personName(random);
      // Most accounts are old; a third joined in the last year.
      const createdAt = now - (random.chance(0.7) ? random.int(400, 1000) : random.int(7, 400)) * DAY - random.int(0, DAY - 1);
      // A few never confirmed their address: they may read but not take part.
      const verified = judge || random.chance(0.97);
      const id = remember(insertUser(email, name, passwordHash, 'participant', null, verified ? createdAt + random.int(60_000, 3_600_000) : null, random.chance(0.03) ? 'en' : null, null, null, createdAt, createdAt), email, name);
      if (judge) judges.push(id);
      else if (verified) actors.push(id);
    }
    ctx.log(`people: ${departments.length - demoDepartments.length} departments with their officials, ${volumes.users.toLocaleString('en')} participants (${judges.length} judges)`);
    return {
      departments,
      actors,
      judges,
      name: (id: number) => names.get(id) ?? '',
      email: (id: number) => {
        const email = emails.get(id);
        if (!email) throw new Error(`unknown account ${id}`);
        return email;
      },
      demo: (handle: string) => {
        const id = demoIds.get(handle);
        if (id === undefined) throw new Error(`unknown demo account ${handle}`);
        return id;
      },
    };
  });
}
