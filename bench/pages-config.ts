/**
 * What the page benchmark (`npm run bench -- pages`) measures and with which options: the names the
 * scale seeder (db/seed-scale.ts) gives its big objects, the flags, and the list of pages. Pure, so
 * it is unit-tested (pages-config.test.ts); bench/pages.ts does the I/O.
 */
import { parseArgs } from 'node:util';

/** Stable names of the national-scale database's objects (db/seed-scale.ts); all in one place. */
export const SCALE_NAMES = {
  /** 20,000 entries, in judging or results. */
  bigChallenge: 'scale-big-challenge',
  /** One table of a million rows. */
  millionRowDataset: 'scale-million-rows',
  /** The page holding the 5,000-comment discussion (the big challenge's, unless told otherwise). */
  discussionPath: '/challenges/scale-big-challenge',
  /** Participant with many notifications (db/seed.ts, README). */
  participant: 'citizen@jindianzi.example',
  judge: 'judge@jindianzi.example',
  /** Every demo account's password (README). */
  password: 'Demo-2026-jindianzi',
} as const;

/**
 * Site search queries: a rare two-character word (the LIKE path that must scan for its few hits),
 * one character (LIKE, many hits) and four characters (the trigram index).
 */
export const SEARCH_QUERIES = { 1: '路', 2: '鹦鹉', 4: '公共交通' } as const;

export interface PagesOptions {
  /** Seconds measured per page. */
  duration: number;
  connections: number;
  /** Seconds of load before each measurement, not counted. */
  warmup: number;
  /** Seconds of load on a freshly started server before its first measurement, not counted. */
  serverWarmup: number;
  /** Row names or name prefixes to measure (baselines always run); empty for all. */
  only: string[];
  /** An existing database directory (or its .db file) to copy instead of the cached scale database. */
  db: string | null;
  /** Scale factor passed to `jdz db seed-scale` when building the cached database. */
  scale: number;
  organiser: string | null;
  password: string;
  participant: string;
  judge: string;
  bigChallenge: string;
  dataset: string;
  discussionPath: string;
  /** Overrides of the dataset query chosen from the table's fields: `column=value`, a column, a text. */
  filter: { column: string; value: string } | null;
  sort: string | null;
  q: string | null;
  /** Keep the temporary data directory (for looking at the server's state afterwards). */
  keep: boolean;
  /** The engine the app runs on: SQLite (the database as it is) or PostgreSQL (a throwaway server, the database copied in with jdz db copy). */
  engine: 'sqlite' | 'postgres';
}

export const USAGE = `npm run bench -- pages [flags]
  --duration <s>        seconds measured per page (10)
  --connections <n>     concurrent connections (50)
  --warmup <s>          unmeasured load before each page (2)
  --server-warmup <s>   unmeasured load on a freshly started server, after requesting each page 5 times (10)
  --only <names>        comma-separated row names or prefixes, e.g. search,preview (baselines always run)
  --db <dir|file>       copy this database directory (jindianzi.db, secrets.json, uploads/) instead of
                        the cached one built with \`jdz db seed-scale\`; never modified
  --scale <f>           scale of the cached database (1)
  --organiser <email>   official who opens the big challenge's results (default: its department's first official)
  --password <pw>       password of the signed-in accounts (the demo password)
  --participant <email> signed-in participant for /me and /notifications (${SCALE_NAMES.participant})
  --judge <email>       judge of the big challenge for its review queue (${SCALE_NAMES.judge})
  --challenge <slug>    the big challenge (${SCALE_NAMES.bigChallenge})
  --dataset <slug>      the million-row dataset (${SCALE_NAMES.millionRowDataset})
  --discussion <path>   the page with the big discussion (${SCALE_NAMES.discussionPath}, or the challenge's page)
  --filter <col=value>  equals filter on the table (default: a district-like column, value of its first row)
  --sort <col>          sort column (default: the first numeric column, descending)
  --q <text>            datastore_search q (default: two characters of another text column of the first row)
  --keep                keep the temporary data directory
  --engine <name>       sqlite (default) or postgres: a throwaway PostgreSQL server from Debian's
                        package, with the database copied in by \`jdz db copy\` (the copy is not timed)`;

function engineOption(raw: string | undefined): 'sqlite' | 'postgres' {
  if (raw === undefined || raw === 'sqlite') return 'sqlite';
  if (raw === 'postgres') return 'postgres';
  throw new Error(`--engine takes sqlite or postgres, got "${raw}"`);
}

function positiveNumber(raw: string | undefined, name: string, fallback: number, integer = false): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  return value;
}

export function parsePagesOptions(argv: string[]): PagesOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      'server-warmup': { type: 'string' },
      only: { type: 'string' },
      db: { type: 'string' },
      scale: { type: 'string' },
      organiser: { type: 'string' },
      password: { type: 'string' },
      participant: { type: 'string' },
      judge: { type: 'string' },
      challenge: { type: 'string' },
      dataset: { type: 'string' },
      discussion: { type: 'string' },
      filter: { type: 'string' },
      sort: { type: 'string' },
      q: { type: 'string' },
      keep: { type: 'boolean' },
      engine: { type: 'string' },
    },
  });
  let filter: PagesOptions['filter'] = null;
  if (values.filter !== undefined) {
    const eq = values.filter.indexOf('=');
    if (eq <= 0) throw new Error(`--filter takes column=value, got "${values.filter}"`);
    filter = { column: values.filter.slice(0, eq), value: values.filter.slice(eq + 1) };
  }
  const bigChallenge = values.challenge ?? SCALE_NAMES.bigChallenge;
  return {
    duration: positiveNumber(values.duration, 'duration', 10),
    connections: positiveNumber(values.connections, 'connections', 50, true),
    warmup: values.warmup === '0' ? 0 : positiveNumber(values.warmup, 'warmup', 2),
    serverWarmup: values['server-warmup'] === '0' ? 0 : positiveNumber(values['server-warmup'], 'server-warmup', 10),
    only: (values.only ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    db: values.db ?? null,
    scale: positiveNumber(values.scale, 'scale', 1),
    organiser: values.organiser ?? null,
    password: values.password ?? SCALE_NAMES.password,
    participant: values.participant ?? SCALE_NAMES.participant,
    judge: values.judge ?? SCALE_NAMES.judge,
    bigChallenge,
    dataset: values.dataset ?? SCALE_NAMES.millionRowDataset,
    discussionPath: values.discussion ?? `/challenges/${bigChallenge}`,
    filter,
    sort: values.sort ?? null,
    q: values.q ?? null,
    keep: values.keep ?? false,
    engine: engineOption(values.engine),
  };
}

/**
 * baseline: the two bare routes. page: a page or API held to p99 < 100 ms. datastore: reads of the
 * million-row table, held to p99 < 200 ms. search: also held to a tail (p97.5) under 50 ms.
 */
export type PageKind = 'baseline' | 'page' | 'datastore' | 'search';
export type Session = 'anonymous' | 'participant' | 'organiser' | 'judge';

export interface PageSpec {
  name: string;
  label: string;
  path: string;
  kind: PageKind;
  session: Session;
  /** The bare Remix app, served by its own server. */
  bareRemix?: boolean;
}

export const BARE_REMIX = 'bare-remix';
export const BARE_IN_APP = 'bench-bare';
/** The same bare route for a signed-in visitor: the baseline of signed-in pages (no shared cache, a session to look up). */
export const BARE_SIGNED_IN = 'bench-bare-signed-in';
export const CSV_DOWNLOAD = 'csv-download';

export interface DatastoreQuery {
  resourceId: number;
  filter: { column: string; value: string };
  sort: string;
  q: string;
}

export const BARE_REMIX_PAGE: PageSpec = { name: BARE_REMIX, label: 'bare Remix app', path: '/', kind: 'baseline', session: 'anonymous', bareRemix: true };
export const BARE_IN_APP_PAGE: PageSpec = { name: BARE_IN_APP, label: 'bare in-app route', path: '/bench/bare', kind: 'baseline', session: 'anonymous' };
export const BARE_SIGNED_IN_PAGE: PageSpec = { name: BARE_SIGNED_IN, label: 'bare in-app route, signed in', path: '/bench/bare', kind: 'baseline', session: 'participant' };
/** The rows that read the million-row table (they need its resource id and a query). */
export const DATASTORE_ROWS = ['preview', 'datastore-search', 'api-rows'] as const;

/** Every row of the benchmark, in the order measured; without a table query, none that read it. */
export function pageList(options: Pick<PagesOptions, 'bigChallenge' | 'dataset' | 'discussionPath'>, data: DatastoreQuery | null): PageSpec[] {
  const big = encodeURIComponent(options.bigChallenge);
  const search = (q: string) => `/search?${new URLSearchParams({ q })}`;
  let datastore: PageSpec[] = [];
  if (data) {
    const resource = `/datasets/${encodeURIComponent(options.dataset)}/resources/${data.resourceId}`;
    const rowParams = new URLSearchParams([[`eq.${data.filter.column}`, data.filter.value], ['sort', `-${data.sort}`]]);
    const ckanParams = new URLSearchParams({ resource_id: String(data.resourceId), filters: JSON.stringify({ [data.filter.column]: data.filter.value }), q: data.q });
    datastore = [
      { name: 'preview', label: 'table preview (filter + sort)', path: `${resource}?${rowParams}`, kind: 'datastore', session: 'anonymous' },
      { name: 'datastore-search', label: 'CKAN datastore_search (filters + q)', path: `/api/3/action/datastore_search?${ckanParams}`, kind: 'datastore', session: 'anonymous' },
      { name: 'api-rows', label: '/api/v1 rows (filter + sort)', path: `/api/v1${resource}/rows?${rowParams}`, kind: 'datastore', session: 'anonymous' },
    ];
  }
  return [
    BARE_REMIX_PAGE,
    BARE_IN_APP_PAGE,
    BARE_SIGNED_IN_PAGE,
    { name: 'home', label: 'home', path: '/', kind: 'page', session: 'anonymous' },
    { name: 'challenges', label: 'challenges', path: '/challenges', kind: 'page', session: 'anonymous' },
    { name: 'challenge-gallery', label: 'big challenge (gallery)', path: `/challenges/${big}`, kind: 'page', session: 'anonymous' },
    { name: 'organiser-results', label: 'organiser results', path: `/manage/challenges/${big}/results`, kind: 'page', session: 'organiser' },
    { name: 'organiser-judging', label: 'organiser judging', path: `/manage/challenges/${big}/judging`, kind: 'page', session: 'organiser' },
    { name: 'judge-queue', label: "a judge's queue (signed in)", path: `/judging/${big}`, kind: 'page', session: 'judge' },
    { name: 'discussion', label: 'big discussion', path: options.discussionPath, kind: 'page', session: 'anonymous' },
    { name: 'catalog-jsonld', label: 'DCAT catalog', path: '/catalog.jsonld', kind: 'page', session: 'anonymous' },
    { name: 'datasets', label: 'datasets', path: '/datasets', kind: 'page', session: 'anonymous' },
    ...datastore,
    { name: 'search-1', label: `search, 1 char (${SEARCH_QUERIES[1]})`, path: search(SEARCH_QUERIES[1]), kind: 'search', session: 'anonymous' },
    { name: 'search-2', label: `search, rare 2 chars (${SEARCH_QUERIES[2]})`, path: search(SEARCH_QUERIES[2]), kind: 'search', session: 'anonymous' },
    { name: 'search-4', label: `search, 4 chars (${SEARCH_QUERIES[4]})`, path: search(SEARCH_QUERIES[4]), kind: 'search', session: 'anonymous' },
    { name: 'requests', label: 'data requests', path: '/requests', kind: 'page', session: 'anonymous' },
    { name: 'me', label: 'my page (signed in)', path: '/me', kind: 'page', session: 'participant' },
    { name: 'notifications', label: 'notifications (signed in)', path: '/notifications', kind: 'page', session: 'participant' },
  ];
}

/** Whether a row (or the CSV download) is selected by --only; the baselines always are. */
export function isSelected(name: string, only: readonly string[]): boolean {
  if (only.length === 0 || name === BARE_REMIX || name === BARE_IN_APP) return true;
  return only.some((o) => name === o || name.startsWith(`${o}-`));
}

export interface TableField {
  name: string;
  type: string;
  label?: string | null;
}

/**
 * The realistic query on the million-row table when no flag says otherwise: equals on a district
 * column (by name or label; else the first text column) with its value in the first row, sort on
 * the first numeric column that is not a code, and q the first two Chinese characters of another text column of that
 * row (not a code column), as a visitor would type them.
 */
export function chooseDatastoreQuery(
  fields: readonly TableField[],
  firstRow: Record<string, unknown>,
  overrides: Pick<PagesOptions, 'filter' | 'sort' | 'q'>,
): Omit<DatastoreQuery, 'resourceId'> {
  const text = fields.filter((f) => f.type === 'text');
  const districtLike = text.find((f) => /区|县|district|county/i.test(`${f.name} ${f.label ?? ''}`) && !/代码|code/i.test(`${f.name} ${f.label ?? ''}`));
  const filterColumn = overrides.filter?.column ?? districtLike?.name ?? text[0]?.name;
  if (!filterColumn) throw new Error('the table has no text column to filter on; pass --filter column=value');
  const filterValue = overrides.filter?.value ?? String(firstRow[filterColumn] ?? '');
  // Codes (行政区划代码 is often inferred as an integer) are identifiers, not quantities to sort by.
  const codeLike = (f: TableField) => /代码|编号|code|id$/i.test(`${f.name} ${f.label ?? ''}`);
  const sort = overrides.sort ?? fields.find((f) => (f.type === 'integer' || f.type === 'decimal') && f.name !== filterColumn && !codeLike(f))?.name ?? '_id';
  const other = text
    .filter((f) => f.name !== filterColumn && !codeLike(f))
    .map((f) => String(firstRow[f.name] ?? ''))
    .find((v) => /\p{Script=Han}{2}/u.test(v));
  const q = overrides.q ?? (other ? /\p{Script=Han}{2}/u.exec(other)?.[0] : undefined) ?? [...filterValue].slice(0, 2).join('');
  return { filter: { column: filterColumn, value: filterValue }, sort, q };
}
