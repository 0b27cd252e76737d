/**
 * The page benchmark's database: the national-scale one built once by `jdz db seed-scale` into
 * .cache/bench/scale-<scale>/ (rebuilt when the migrations or the seeder change), or one given with
 * --db; either is copied with its secrets.json and uploads/ into a fresh directory for each run, so
 * a run never changes the original.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const DB_FILE = 'jindianzi.db';

function filesUnder(target: string): string[] {
  if (!fs.existsSync(target)) return [];
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs
    .readdirSync(target)
    .sort()
    .flatMap((entry) => filesUnder(path.join(target, entry)));
}

/**
 * What decides the scale database's content: the migrations, the seeder and the seed modules it
 * builds on (db/seed.ts, db/seed-data/; a demo-data change rebuilds too, which errs on the safe
 * side), and the scale.
 */
const SCALE_DB_SOURCES = ['db/migrations', 'db/seed-scale.ts', 'db/seed-scale', 'db/seed.ts', 'db/seed-data'];

export function scaleDbKey(root: string, scale: number): string {
  const hash = crypto.createHash('sha256').update(`scale=${scale}\n`);
  for (const file of SCALE_DB_SOURCES.flatMap((source) => filesUnder(path.join(root, source)))) {
    hash.update(`${path.relative(root, file)}\n`).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** The cached scale database's directory, built with the CLI when missing or out of date. */
export function ensureScaleDb(root: string, scale: number, log: (line: string) => void): string {
  if (!fs.existsSync(path.join(root, 'db/seed-scale.ts'))) {
    throw new Error('The scale seeder (db/seed-scale.ts) is not on this branch yet. Pass --db <directory> with an existing database, e.g. --db /tmp/scale.');
  }
  const dir = path.join(root, '.cache/bench', `scale-${scale}`);
  const key = scaleDbKey(root, scale);
  const keyFile = path.join(dir, 'bench-key');
  if (fs.existsSync(path.join(dir, DB_FILE)) && fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8').trim() === key) return dir;

  log(`Building the scale-${scale} database with \`npm run jdz -- db seed-scale --scale ${scale}\` (once; cached in ${path.relative(root, dir)})…`);
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'jdz', '--', 'db', 'seed-scale', '--scale', String(scale)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: path.join(building, DB_FILE), SEED_DEMO_DATA: 'false' },
  });
  if (result.status !== 0) {
    fs.rmSync(building, { recursive: true, force: true });
    throw new Error(`jdz db seed-scale failed (exit ${result.status ?? result.signal})`);
  }
  fs.writeFileSync(path.join(building, 'bench-key'), `${key}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(building, dir);
  log(`  built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}

/** The directory holding the database a --db flag names (the directory itself or its .db file). */
export function resolveDbDir(given: string): string {
  const full = path.resolve(given);
  const dir = fs.existsSync(full) && fs.statSync(full).isDirectory() ? full : path.dirname(full);
  if (!fs.existsSync(path.join(dir, DB_FILE))) throw new Error(`No ${DB_FILE} in ${dir}`);
  return dir;
}

/** A fresh temporary data directory with copies of the database (and its WAL), secrets.json and uploads/. */
export function copyDataDir(source: string): { dir: string; databaseFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jdz-bench-pages-'));
  for (const name of [DB_FILE, `${DB_FILE}-wal`, 'secrets.json']) {
    const from = path.join(source, name);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, name), fs.constants.COPYFILE_FICLONE);
  }
  const uploads = path.join(source, 'uploads');
  if (fs.existsSync(uploads)) fs.cpSync(uploads, path.join(dir, 'uploads'), { recursive: true });
  return { dir, databaseFile: path.join(dir, DB_FILE) };
}

export interface DatabaseFacts {
  organiser: string | null;
  bigChallengeEntries: number | null;
  discussionComments: number | null;
  users: number;
  sizeMb: number;
}

/** Read-only look at the copied database: who organises the big challenge, and how big things are. */
export function inspectDatabase(databaseFile: string, bigChallenge: string, discussionPath: string): DatabaseFacts {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const organiser = db
      .prepare(
        `select u.email from users u join challenges c on c.department_id = u.department_id
         where c.slug = ? and u.role = 'official' and u.disabled_at is null order by u.totp_enabled_at is null, u.id limit 1`,
      )
      .pluck()
      .get(bigChallenge) as string | undefined;
    const entries = db.prepare('select count(*) from submissions s join challenges c on c.id = s.challenge_id where c.slug = ?').pluck().get(bigChallenge) as number;
    const discussionSlug = /^\/challenges\/([^/?#]+)$/.exec(discussionPath)?.[1];
    const comments = discussionSlug
      ? (db.prepare("select count(*) from comments m join challenges c on m.target_type = 'challenge' and m.target_id = c.id where c.slug = ?").pluck().get(decodeURIComponent(discussionSlug)) as number)
      : null;
    const users = db.prepare('select count(*) from users').pluck().get() as number;
    return { organiser: organiser ?? null, bigChallengeEntries: entries, discussionComments: comments, users, sizeMb: fs.statSync(databaseFile).size / 1024 / 1024 };
  } finally {
    db.close();
  }
}

/** The served table of a resource (what its CSV download reads). */
export function servedTable(databaseFile: string, resourceId: number): string {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare('select table_name from dataset_resources where id = ?').pluck().get(resourceId) as string | null | undefined;
    if (!table) throw new Error(`resource ${resourceId} serves no table`);
    return table;
  } finally {
    db.close();
  }
}
