/**
 * The operator CLI: `npm run jdz -- <command>`. Lets a fresh deployment get its first admin and
 * departments without touching SQL. Every change is written to the audit log (actor: CLI).
 */
import '../app/locales/all.server';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { checkDatabase, closeDb, databasePath, DatabaseConnectionError, describeDatabase, engine, getDb } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { withStartUpLock } from '../db/start-up-lock';
import { isDatabaseEmpty, seedDemoData } from '../db/seed';
import { seedScale } from '../db/seed-scale';
import { MAX_SCALE } from '../db/seed-data/scale-plan';
import { ROLES, type Role } from '../db/tables';
import { passwordProblem } from '../app/lib/password-policy';
import { emailField } from '../app/lib/validation/auth';
import { changeRole, createAccount } from '../app/actions/accounts.server';
import { createDepartment } from '../app/actions/departments.server';
import { createBackup, recordBackupRestored, recordDatabaseCopy, recordDemoSeed, recordMigrationsApplied, recordScaleSeed } from '../app/actions/maintenance.server';
import { CopyRefused, copySqliteIntoPostgres, type CopyProblem, type CopyReport } from '../app/models/database-copy.server';
import { createApiToken } from '../app/actions/tokens.server';
import type { Actor, Result } from '../app/lib/result';
import { DEPARTMENT_SLUG_PATTERN, getDepartmentBySlug } from '../app/models/departments.server';
import { getUserByEmail } from '../app/models/users.server';
import { restoreBackup, RestoreRefusedError, verifyBackup } from '../app/services/backup.server';
import { childEnvironment, config } from '../app/config.server';
import { errorFields } from '../app/log.server';

const USAGE = `Usage: npm run jdz -- <command> [options]

Commands:
  user create --email E --name N --role participant|official|admin [--department SLUG] [--password P]
              Creates an account (marked e-mail-verified). Prompts for the password when not given.
  user role   --email E --role participant|official|admin [--department SLUG]
              Changes a user's role; officials need a department. Signs the user out everywhere.
  department create --slug S --name N [--description D]
  token create --email E [--name N]
              Creates a personal API token for an official or admin and prints it (shown once).
  db migrate  Applies pending migrations.
  db seed     Fills an empty database with the demo data.
  db seed-scale [--scale F]
              Fills an empty database with the demo data plus national-scale volumes for benchmarks.
              At scale 1 (the default): 100,000 users, 1,000 challenges with 100,000 entries (20,000 in
              scale-big-challenge), 2,000 datasets (scale-million-rows has a 1,000,000-row table),
              500,000 review scores, 200,000 comments, 1,000,000 notifications, 5,000 data requests.
              Volumes scale linearly (e.g. --scale 0.01 for a quick run). Takes a few minutes at scale 1.
  db copy --to postgres://…
              Copies the SQLite database named by DATABASE_URL (from a consistent snapshot: the site
              may keep serving) into an empty PostgreSQL database: every table and imported table,
              row counts checked table by table. DATA_DIR (files, secrets.json) stays as it is and is
              what the PostgreSQL site uses (docs/deploy-postgres.md).
  backup create [--to DIR]
              Copies the database (online: the site keeps serving), secrets.json and every stored
              file the database refers to into a new directory under DIR (default BACKUP_DIR, else
              ./backups), with a manifest of checksums. Prints the directory.
  backup verify DIR
              Checks a backup: its checksums, the database's integrity, every referred file present.
  backup restore DIR [--force]
              Restores a backup into the data directory (that of DATABASE_URL). Refuses while the
              server runs, and refuses to replace an existing database unless --force (which keeps
              the replaced files beside it as *.before-restore-<time>).

The database is DATABASE_URL (default ./data/jindianzi.db).`;

class UsageError extends Error {}

/** Whoever runs this at the server's command line; the audit log records `via: 'cli'` for them. */
const CLI: Actor<null> = { user: null, ip: null, via: 'cli' };

function fail(message: string): never {
  throw new UsageError(message);
}

/** An action's value. A refusal the checks before it did not foresee (the server changed something meanwhile) stops with its message. */
function valueOr<T>(result: Result<T>, messages: Record<string, string> = {}): T {
  if (!result.ok) fail(messages[result.problem.code] ?? `Refused (${result.problem.code}).`);
  return result.value;
}

function requireOption(values: Record<string, string | undefined>, name: string): string {
  const value = values[name]?.trim();
  if (!value) fail(`Missing --${name}.`);
  return value;
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) fail(`--role must be one of ${ROLES.join(', ')}; got "${value}".`);
  return value as Role;
}

function parseEmail(value: string): string {
  const result = emailField.safeParse(value);
  if (!result.success) fail(`"${value}" is not a valid e-mail address.`);
  return result.data;
}

async function resolveDepartment(role: Role, slug: string | undefined): Promise<number | null> {
  if (role !== 'official') {
    if (slug) fail('--department only applies to officials.');
    return null;
  }
  if (!slug) fail('Officials belong to a department: pass --department SLUG (see `department create`).');
  const department = await getDepartmentBySlug(slug);
  if (!department) fail(`No department with slug "${slug}".`);
  return department.id;
}

/** Reads a password without echoing it when stdin is a terminal; reads one line otherwise. */
async function promptPassword(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.question(question, (answer) => {
        if (process.stdin.isTTY) process.stdout.write('\n');
        resolve(answer);
      });
      rl.once('close', () => reject(new UsageError('No password given.')));
      muted = true;
    });
  } finally {
    rl.close();
  }
}

async function userCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'participant' },
      department: { type: 'string' },
      password: { type: 'string' },
    },
    strict: true,
  });
  const email = parseEmail(requireOption(values, 'email'));
  const name = requireOption(values, 'name');
  const role = parseRole(values.role ?? 'participant');
  const departmentId = await resolveDepartment(role, values.department);
  if (await getUserByEmail(email)) fail(`A user with e-mail ${email} already exists; use \`user role\` to change their role.`);

  let password = values.password;
  if (password === undefined) {
    password = await promptPassword(`Password for ${email}: `);
    if (process.stdin.isTTY) {
      const again = await promptPassword('Repeat the password: ');
      if (again !== password) fail('The passwords do not match.');
    }
  }
  const problem = passwordProblem(password, { email, name });
  if (problem) {
    const reasons = {
      tooShort: 'it is shorter than 8 characters',
      tooLong: 'it is longer than 128 characters',
      common: 'it is one of the most common passwords',
      personal: 'it is the e-mail address or name',
    } as const;
    fail(`Refusing a weak password: ${reasons[problem]}.`);
  }

  const user = valueOr(await createAccount(CLI, { email, name, password, role, departmentId }), { emailTaken: `A user with e-mail ${email} already exists.` });
  console.log(`Created ${role} ${email} (id ${user.id})${user.departmentName ? ` in ${user.departmentName}` : ''}.`);
}

async function userRole(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, role: { type: 'string' }, department: { type: 'string' } },
    strict: true,
  });
  const email = parseEmail(requireOption(values, 'email'));
  const role = parseRole(requireOption(values, 'role'));
  const departmentId = await resolveDepartment(role, values.department);
  const existing = await getUserByEmail(email);
  if (!existing) fail(`No user with e-mail ${email}.`);
  // The user's sessions end with the change: none may ride on the old role.
  const { user } = valueOr(await changeRole(CLI, existing.id, role, departmentId), {
    lastAdmin: `${email} is the last active admin; make someone else admin first.`,
    departmentInactive: 'That department is deactivated; reactivate it or choose another.',
  });
  console.log(`${email} is now ${role}${user.departmentName ? ` in ${user.departmentName}` : ''} (was ${existing.role}); their sessions were ended.`);
}

async function departmentCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { slug: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' } },
    strict: true,
  });
  const slug = requireOption(values, 'slug');
  const name = requireOption(values, 'name');
  if (!DEPARTMENT_SLUG_PATTERN.test(slug)) fail('--slug must be 2–63 lower-case letters, digits or hyphens, starting with a letter or digit.');
  if (await getDepartmentBySlug(slug)) fail(`A department with slug "${slug}" already exists.`);
  const department = valueOr(await createDepartment(CLI, { slug, name, description: values.description }), { slugTaken: `A department with slug "${slug}" already exists.` });
  console.log(`Created department ${name} (${slug}, id ${department.id}).`);
}

async function tokenCreate(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true });
  const email = parseEmail(requireOption(values, 'email'));
  const user = await getUserByEmail(email);
  if (!user) fail(`No user with e-mail ${email}.`);
  if (user.role !== 'official' && user.role !== 'admin') fail('API tokens are for officials and admins, who publish data.');
  const name = values.name?.trim() || 'CLI';
  const created = valueOr(await createApiToken(CLI, user.id, name));
  console.log(`Created API token "${name}" for ${email}. It is shown only now:\n${created.token}`);
}

async function dbSeed() {
  if (!(await isDatabaseEmpty())) fail('The database already has users or departments; the demo data only goes into an empty database.');
  await seedDemoData();
  valueOr(await recordDemoSeed(CLI));
  console.log('Seeded the demo data. Demo accounts are listed in the README.');
}

const COPY_REFUSALS: Record<CopyProblem['code'], (problem: CopyProblem) => string> = {
  notEmpty: (p) => `The PostgreSQL database is not empty (${'table' in p ? p.table : ''} has rows): db copy only fills an empty database.`,
  noSecrets: () => `${config().dataDir}/secrets.json is missing (and the secrets are not all in the environment): without the source's secrets every second factor and pseudonym would change. Run the copy with the source's DATA_DIR.`,
  countMismatch: (p) => (p.code === 'countMismatch' ? `The copy of ${p.table} has ${p.target} rows, the snapshot ${p.source}: the PostgreSQL database is not usable; drop it and copy again.` : ''),
};

async function dbCopy(args: string[]) {
  const { values } = parseArgs({ args, options: { to: { type: 'string' }, from: { type: 'string' } }, strict: true });
  if (values.to !== undefined) {
    if (engine() !== 'sqlite') fail('db copy --to copies the embedded SQLite database named by DATABASE_URL, but DATABASE_URL names a PostgreSQL server.');
    if (!/^postgres(ql)?:\/\//.test(values.to)) fail('--to takes the PostgreSQL database as a postgres:// URL.');
    // The copy runs in a process on PostgreSQL: each process works with one engine's tables.
    process.exitCode = runSelf(['db', 'copy', '--from', databasePath()], { DATABASE_URL: values.to, DATA_DIR: config().dataDir });
    return;
  }
  if (values.from === undefined) fail('Name the target: db copy --to postgres://…');
  if (engine() !== 'postgres') fail('db copy --from runs with DATABASE_URL naming the PostgreSQL target; use db copy --to.');
  await copyInto(values.from);
}

async function copyInto(from: string) {
  let report: CopyReport;
  try {
    report = await copySqliteIntoPostgres(from, (line) => console.log(`  ${line}`));
  } catch (error) {
    if (error instanceof CopyRefused) fail(COPY_REFUSALS[error.problem.code](error.problem));
    throw error;
  }
  const rows = [...report.tables, ...report.datastoreTables].reduce((sum, t) => sum + t.rows, 0);
  valueOr(await recordDatabaseCopy(CLI, { from, tables: report.tables.length, datastoreTables: report.datastoreTables.length, rows, seconds: report.seconds }));
  console.log(`Copied ${report.tables.length} tables and ${report.datastoreTables.length} imported tables (${rows} rows, counts checked) into ${describeDatabase()} in ${report.seconds} s.`);
}

/** This CLI again, in a child process with other settings (each process works with one engine). */
function runSelf(args: string[], env: Record<string, string>): number {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? 'scripts/jdz.ts', ...args], { stdio: 'inherit', env: childEnvironment(env) });
  return child.status ?? 1;
}

/**
 * The national-scale seeder writes through SQLite's bulk interface, so on PostgreSQL it fills a
 * temporary SQLite file in DATA_DIR (the uploads and secrets it makes land where the site reads
 * them) and copies it in with db copy.
 */
async function dbSeedScaleIntoPostgres(args: string[]) {
  if (!(await isDatabaseEmpty())) fail('The database already has users or departments; seed-scale only fills an empty database.');
  const file = path.join(config().dataDir, `.seed-scale-${process.pid}.db`);
  try {
    const status = runSelf(['db', 'seed-scale', ...args], { DATABASE_URL: file, DATA_DIR: config().dataDir, SEED_DEMO_DATA: 'false' });
    if (status !== 0) fail(`seed-scale into the temporary SQLite file failed (exit ${status}).`);
    await copyInto(file);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  }
}

async function dbSeedScale(args: string[]) {
  const { values } = parseArgs({ args, options: { scale: { type: 'string', default: '1' } }, strict: true });
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) fail(`--scale must be a number above 0 and at most ${MAX_SCALE}; got "${values.scale}".`);
  if (!(await isDatabaseEmpty())) fail('The database already has users or departments; seed-scale only fills an empty database (point DATABASE_URL at a new file).');
  console.log(`Seeding ${describeDatabase()} at scale ${scale} …`);
  const summary = await seedScale({ scale, log: (line) => console.log(line) });
  valueOr(await recordScaleSeed(CLI, { scale, seconds: summary.seconds, counts: summary.counts }));
  console.log(`\nSeeded in ${summary.seconds} s:`);
  for (const [kind, count] of Object.entries(summary.counts)) console.log(`  ${kind.padEnd(20)} ${count.toLocaleString('en').padStart(12)}`);
  console.log(`\nBig challenge (judging, People's Choice, public gallery, ${summary.bigChallenge.comments.toLocaleString('en')} comments): /challenges/${summary.bigChallenge.slug} (${summary.bigChallenge.entries.toLocaleString('en')} entries)`);
  console.log(`Million-row dataset: /datasets/${summary.millionRows.slug} (${summary.millionRows.rows.toLocaleString('en')} rows)`);
  console.log(`Known user: ${summary.knownUser.email} (${summary.knownUser.notifications.toLocaleString('en')} notifications, ${summary.knownUser.unread.toLocaleString('en')} unread)`);
  const a = summary.accounts;
  console.log(`Accounts (password ${a.password}; officials and admins add the TOTP secret ${a.totpSecret}):`);
  console.log(`  admin ${a.admin}, organiser ${a.organiser}, judge ${a.judge}, participant ${a.participant}, ${a.scaleParticipant}, ${a.scaleOfficial}`);
}

async function backupCreate(args: string[]) {
  const { values } = parseArgs({ args, options: { to: { type: 'string' } }, strict: true });
  const root = values.to?.trim() || config().backup.dir || './backups';
  const { dir, manifest } = valueOr(await createBackup(CLI, root));
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(`Backup made: ${dir} (${manifest.files.length} files, ${(bytes / 1048576).toFixed(1)} MB).`);
  if (manifest.missingUploads.length > 0) console.log(`Note: ${manifest.missingUploads.length} stored file(s) were deleted while the backup ran and are not in it.`);
}

async function backupVerify(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  const dir = positionals[0] ?? fail('Name the backup directory: backup verify DIR');
  const problems = await verifyBackup(dir);
  if (problems.length > 0) {
    console.error(`The backup in ${dir} has problems:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`The backup in ${dir} is complete and intact.`);
}

/** The backup commands copy a SQLite file; a PostgreSQL site is backed up with its own tools. */
const POSTGRES_BACKUPS =
  'DATABASE_URL names a PostgreSQL server: back it up with pg_dump plus a copy of DATA_DIR, as docs/deploy-postgres.md#backups describes. ' +
  'The backup commands copy the embedded SQLite database only, and a SQLite backup cannot be restored into PostgreSQL.';

async function backupRestore(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } }, strict: true });
  const dir = positionals[0] ?? fail('Name the backup directory: backup restore DIR');
  const { dataDir, databaseFile } = config();
  if (databaseFile === null) fail(POSTGRES_BACKUPS);
  try {
    const { files } = await restoreBackup(dir, { dataDir, databaseFile }, { force: values.force });
    console.log(`Restored ${dir} into ${dataDir} (${files} files). Start the server as usual.`);
  } catch (error) {
    if (error instanceof RestoreRefusedError) fail(error.message);
    throw error;
  }
  // Recorded once the restored database is in place, so the restore is in its own audit log.
  await applyMigrations(getDb());
  valueOr(await recordBackupRestored(CLI, dir));
}

async function run(argv: string[]) {
  const [group, command, ...rest] = argv;
  if (!group || group === 'help' || group === '--help' || group === '-h') {
    console.log(USAGE);
    return;
  }
  const key = `${group} ${command ?? ''}`.trim();
  if (group === 'backup' && engine() === 'postgres' && command !== 'verify') fail(POSTGRES_BACKUPS);
  // A backup is checked or restored without touching the live database.
  if (key === 'backup verify') return backupVerify(rest);
  if (key === 'backup restore') return await backupRestore(rest);
  // Every other command works on an up-to-date schema, including on a brand-new database file.
  await checkDatabase();
  await withStartUpLock(() => applyMigrations(getDb()));
  switch (key) {
    case 'user create':
      return await userCreate(rest);
    case 'user role':
      return await userRole(rest);
    case 'department create':
      return await departmentCreate(rest);
    case 'token create':
      return await tokenCreate(rest);
    case 'db migrate':
      valueOr(await recordMigrationsApplied(CLI));
      console.log(`Migrations applied to ${describeDatabase()}.`);
      return;
    case 'db seed':
      return await dbSeed();
    case 'db seed-scale':
      return engine() === 'postgres' ? await dbSeedScaleIntoPostgres(rest) : await dbSeedScale(rest);
    case 'db copy':
      return await dbCopy(rest);
    case 'backup create':
      return await backupCreate(rest);
    default:
      fail(`Unknown command "${key}".`);
  }
}

run(process.argv.slice(2))
  .then(() => closeDb())
  .catch(async (error: unknown) => {
    await closeDb().catch(() => undefined);
    if (error instanceof DatabaseConnectionError) {
      console.error(`Error: ${error.message}`);
    } else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`Error: ${(error as Error).message}\n\n${USAGE}`);
    } else {
      // Without the values of a failed statement (they may be secrets), as in the server's log.
      const { err } = errorFields(error);
      console.error(err.query ? `${err.stack ?? err.message}\nStatement: ${err.query}` : (err.stack ?? err.message));
    }
    process.exitCode = 1;
  });
