/**
 * The single source of truth for Jindianzi's tables. Migrations in db/migrations are generated
 * from this file by drizzle-kit (`npm run db:generate`) and committed. The PostgreSQL tables
 * (db/schema.pg.ts) are derived from these by db/schema-to-pg.ts: after a change here, run
 * `npm run db:generate:pg` too.
 *
 * Conventions: integer primary keys; timestamps are integer milliseconds (mode 'timestamp_ms');
 * enumerations are text columns with a CHECK-free TypeScript enum (validated in app code, so a new
 * value does not need a table rebuild); JSON lives in text columns with mode 'json'.
 */
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import type { ChartData } from '../app/lib/charts/chart-spec';
import type { Phase } from '../app/lib/phase';
import {
  ROLES,
  DATASET_STATUSES,
  DATASET_THEMES,
  LICENCES,
  UPDATE_FREQUENCIES,
  RESOURCE_FORMATS,
  COORDINATE_SYSTEMS,
  IMPORT_STATUSES,
  PRIVACY_DETECTORS,
  PRIVACY_ACTIONS,
  DATA_REQUEST_STATUSES,
  REQUEST_EVENT_KINDS,
  DECLINE_REASONS,
  CHALLENGE_STATUSES,
  ENTRY_KINDS,
  ASSIGNMENT_MODES,
  SUBMISSION_STATUSES,
  MEMBER_ROLES,
  MEMBER_STATUSES,
  REVIEW_STATUSES,
  CONFLICT_SOURCES,
  ADOPTION_STAGES,
  AWARD_KINDS,
  NOT_ADOPTED_REASONS,
  TEAM_RESPONSES,
  type AdoptionOutcome,
  COMMENT_TARGETS,
  REPORT_REASONS,
  FOLLOW_TARGETS,
  NOTIFICATION_KINDS,
  DELIVERIES,
  NOTIFICATION_MAIL_STATES,
  EMAIL_TOKEN_PURPOSES,
  MAIL_STATUSES,
  IMPORT_JOB_STATUSES,
  POST_KINDS,
  LEGAL_DOCUMENT_KINDS,
  USAGE_KINDS,
  ACCESS_LEVELS,
  SHARING_LEVELS,
  SHARING_METHODS,
  RESOURCE_CATEGORIES,
  APPLICANT_KINDS,
  APPLICATION_STATUSES,
  GRANT_READ_KINDS,
  type PrivacyDetector,
  type PrivacyParams,
  type DatastoreColumn,
  type KeyColumn,
  type SubmissionLinks,
} from '../app/lib/vocabulary';

// The domain's words (roles, statuses, kinds) live in app/lib/vocabulary.ts, which the browser
// may load; this module, with every table, stays on the server.
export * from '../app/lib/vocabulary';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

// ---------------------------------------------------------------------------------------------
// People and access

/**
 * A stable public identifier (CKAN's `id`): unique across installations and kept across edits.
 * Inserts through drizzle get one here; a trigger (migration 0020) fills any other insert's.
 */
const publicUuid = () =>
  text('uuid')
    .unique()
    .$defaultFn(() => globalThis.crypto.randomUUID());

export const departments = sqliteTable('departments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  uuid: publicUuid(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** 统一社会信用代码 (18 characters) or the older 组织机构代码 (9); shown in the catalogue. */
  code: text('code'),
  /** Who the public and other departments can reach about its data (a phone, an address). */
  contact: text('contact').notNull().default(''),
  /**
   * A department merged or dissolved: its datasets and challenges stay published and owned, but
   * nobody signs in as its official until reassigned to another department.
   */
  deactivatedAt: integer('deactivated_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stored lower-cased and trimmed; the unique index makes duplicates impossible. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('participant'),
    /** Officials belong to exactly one department; others have none. */
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'set null' }),
    emailVerifiedAt: integer('email_verified_at', { mode: 'timestamp_ms' }),
    /** Preferred UI locale, when the user chose one. */
    locale: text('locale'),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    /** TOTP shared secret (base32), encrypted with the deployment's key; set once enrolment is confirmed. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: integer('totp_enabled_at', { mode: 'timestamp_ms' }),
    /** When the last daily digest of notifications was queued for this person. */
    lastDigestAt: integer('last_digest_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('users_department_idx').on(t.departmentId), index('users_role_idx').on(t.role), index('users_name_idx').on(t.name)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (hex) of the cookie token: a leaked database does not leak live sessions. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    /** Absolute expiry; idle expiry is computed from lastSeenAt. */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** Password checked, second factor still to come: such a session signs nobody in. */
    pendingTwoFactor: integer('pending_two_factor', { mode: 'boolean' }).notNull().default(false),
    /** When this session last proved the second factor (sign-in or step-up before a sensitive action). */
    twoFactorAt: integer('two_factor_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);


/** Single-use links sent by e-mail (address verification, password reset); only a hash is stored. */
export const emailTokens = sqliteTable(
  'email_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** For an address change: the new address, which takes effect when the link sent to it is used. */
    newEmail: text('new_email'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId, t.purpose)],
);

/** Recovery codes for when the authenticator is lost; hashed, each usable once. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);


/**
 * Every e-mail the platform sends, sent outside the request by a worker with retries. Without SMTP
 * settings a mail is only kept here ("logged") for admins to read.
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    kind: text('kind').notNull(),
    /** One-click unsubscribe address (RFC 8058) for notification mail; null for account mail. */
    unsubscribeUrl: text('unsubscribe_url'),
    status: text('status', { enum: MAIL_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null for the operator CLI and the system itself. */
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_created_idx').on(t.createdAt),
    index('audit_actor_idx').on(t.actorId),
    index('audit_target_idx').on(t.targetType, t.targetId),
  ],
);

/**
 * The site's identity and legal particulars (site name, 主办单位, ICP备案号 …), set by admins in the
 * browser. One row per setting, so adding one needs no migration.
 */
export const siteSettings = sqliteTable('site_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});

/**
 * How much the open data is used, per day (in the site's zone) and kind: file downloads and API
 * calls. Counted in memory and added here every minute, so a busy API costs no write per call.
 */
export const usageDaily = sqliteTable(
  'usage_daily',
  {
    day: text('day').notNull(),
    kind: text('kind', { enum: USAGE_KINDS }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind] })],
);

/** Versions of the privacy policy and the terms of use; the highest version of a kind is in force. */
export const legalDocuments = sqliteTable(
  'legal_documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: LEGAL_DOCUMENT_KINDS }).notNull(),
    version: integer('version').notNull(),
    /** Markdown, rendered sanitized. */
    body: text('body').notNull(),
    publishedBy: integer('published_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('legal_documents_kind_version_idx').on(t.kind, t.version)],
);

/** Who accepted which version of a legal document, and when (registration, or again after a new version). */
export const consents = sqliteTable(
  'consents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LEGAL_DOCUMENT_KINDS }).notNull(),
    version: integer('version').notNull(),
    acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('consents_user_kind_version_idx').on(t.userId, t.kind, t.version)],
);

// ---------------------------------------------------------------------------------------------
// Open data

export const datasets = sqliteTable(
  'datasets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    uuid: publicUuid(),
    /** The CKAN `name`: lower-case letters, digits, - and _. Used in URLs. */
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    licence: text('licence', { enum: LICENCES }).notNull().default('gov-open'),
    updateFrequency: text('update_frequency', { enum: UPDATE_FREQUENCIES }).notNull().default('irregular'),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    /** Columns that identify records across datasets (e.g. 统一社会信用代码), with their kind. */
    keyColumns: text('key_columns', { mode: 'json' }).$type<KeyColumn[]>().notNull().default(sql`'[]'`),
    status: text('status', { enum: DATASET_STATUSES }).notNull().default('draft'),
    /** 开放属性 (app/lib/access.ts reads it): open, conditional (rows on approved application) or closed. */
    accessLevel: text('access_level', { enum: ACCESS_LEVELS }).notNull().default('open'),
    /** 共享属性 for other departments' officials. */
    sharing: text('sharing', { enum: SHARING_LEVELS }).notNull().default('shared'),
    /** 开放条件 / 共享条件: what an applicant must meet, in the department's words. */
    openConditions: text('open_conditions').notNull().default(''),
    sharingConditions: text('sharing_conditions').notNull().default(''),
    sharingMethod: text('sharing_method', { enum: SHARING_METHODS }).notNull().default('api_and_file'),
    /** Rows of each table a conditional dataset shows everyone as a sample (0: none). */
    sampleRows: integer('sample_rows').notNull().default(0),
    /** 资源分类 and its 类/项/目 code, e.g. 部门 "A01-02-03" (政务信息资源目录编制指南). */
    resourceCategory: text('resource_category', { enum: RESOURCE_CATEGORIES }).notNull().default('department'),
    categoryCode: text('category_code').notNull().default(''),
    /** 资源代码: the catalogue's key; unique when set, and how a catalogue import matches rows. */
    resourceCode: text('resource_code'),
    /** 关联资源代码. */
    relatedCodes: text('related_codes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Where the data comes from when it is published elsewhere too (CKAN `url`); shown as a link. */
    sourceUrl: text('source_url').notNull().default(''),
    /** CKAN `version` and `author`, as a department's publishing system sets them. */
    version: text('version').notNull().default(''),
    authorName: text('author_name').notNull().default(''),
    /** Free key/value pairs a department's CKAN client keeps on the package (CKAN `extras`). */
    extras: text('extras', { mode: 'json' }).$type<{ key: string; value: string }[]>().notNull().default(sql`'[]'`),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('datasets_resource_code_idx').on(t.resourceCode),
    // The public list filtered by 开放属性 (CKAN fq=access_level:…), newest first.
    index('datasets_access_published_idx').on(t.accessLevel, t.status, t.publishedAt),
    index('datasets_department_idx').on(t.departmentId, t.status),
    index('datasets_status_published_idx').on(t.status, t.publishedAt),
    // The management lists: latest change first, per department or for admins across all.
    index('datasets_updated_idx').on(t.updatedAt),
    index('datasets_department_updated_idx').on(t.departmentId, t.updatedAt),
  ],
);

/** A dataset's data-use agreement (数据使用协议), versioned: an application records the version accepted. */
export const datasetAgreements = sqliteTable(
  'dataset_agreements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Markdown, rendered sanitized. */
    body: text('body').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dataset_agreements_version_idx').on(t.datasetId, t.version)],
);

/**
 * An application to read a conditional dataset (有条件开放), or a dataset another department shares
 * on condition (有条件共享, applicant kind 'department'). Decided by the owning department.
 */
export const accessApplications = sqliteTable(
  'access_applications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'restrict' }),
    applicantId: integer('applicant_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    applicantKind: text('applicant_kind', { enum: APPLICANT_KINDS }).notNull(),
    organisationName: text('organisation_name').notNull().default(''),
    /** 统一社会信用代码, checked by its check digit. */
    organisationCode: text('organisation_code').notNull().default(''),
    /** For 'department' applications: the applicant's department, which the grant then covers. */
    applicantDepartmentId: integer('applicant_department_id').references(() => departments.id, { onDelete: 'restrict' }),
    purpose: text('purpose').notNull(),
    intendedUse: text('intended_use').notNull(),
    /** The resources asked for (ids of the dataset's resources). */
    resourceIds: text('resource_ids', { mode: 'json' }).$type<number[]>().notNull(),
    /** How long access is asked for, in days (at most a year). */
    periodDays: integer('period_days').notNull(),
    challengeId: integer('challenge_id').references(() => challenges.id, { onDelete: 'set null' }),
    submissionId: integer('submission_id').references(() => submissions.id, { onDelete: 'set null' }),
    agreementVersion: integer('agreement_version').notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('pending'),
    decisionReason: text('decision_reason').notNull().default(''),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('access_applications_dataset_idx').on(t.datasetId, t.status, t.createdAt),
    index('access_applications_applicant_idx').on(t.applicantId, t.createdAt),
  ],
);

/**
 * Permission to read a dataset's rows: from an approved application, or automatic for a challenge's
 * entrants (ending when judging ends). Held by one user, or by a whole department for sharing.
 * Never deleted: the read log refers to it; expiry and revocation end it.
 */
export const accessGrants = sqliteTable(
  'access_grants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'restrict' }),
    // Set null when an account is deleted: the grant then covers nobody, and its read log stays.
    applicationId: integer('application_id').references(() => accessApplications.id, { onDelete: 'set null' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'restrict' }),
    /** The resources it covers; null: all of the dataset's resources. */
    resourceIds: text('resource_ids', { mode: 'json' }).$type<number[] | null>(),
    challengeId: integer('challenge_id').references(() => challenges.id, { onDelete: 'restrict' }),
    agreementVersion: integer('agreement_version').notNull(),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedBy: integer('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('access_grants_user_idx').on(t.userId, t.datasetId, t.expiresAt),
    index('access_grants_department_idx').on(t.departmentId, t.datasetId, t.expiresAt),
    index('access_grants_dataset_idx').on(t.datasetId, t.createdAt),
    index('access_grants_challenge_idx').on(t.challengeId, t.userId),
  ],
);

/** Every read of rows under a grant: who, when, what, how many rows. The department sees it. */
export const grantReads = sqliteTable(
  'grant_reads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    grantId: integer('grant_id')
      .notNull()
      .references(() => accessGrants.id, { onDelete: 'restrict' }),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'restrict' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    resourceId: integer('resource_id').references(() => datasetResources.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: GRANT_READ_KINDS }).notNull(),
    rowCount: integer('row_count').notNull(),
    /** The query asked (filters, sort, page), as the address's query string. */
    query: text('query').notNull().default(''),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  // By user: a person's own export of what they read (app/models/personal-data.server.ts).
  (t) => [index('grant_reads_dataset_idx').on(t.datasetId, t.at), index('grant_reads_grant_idx').on(t.grantId, t.at), index('grant_reads_user_idx').on(t.userId, t.at)],
);

export const datasetTags = sqliteTable(
  'dataset_tags',
  {
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.datasetId, t.tag] }), index('dataset_tags_tag_idx').on(t.tag)],
);

/** 主题分类: the fixed themes (app/lib/vocabulary.ts) a dataset is filed under; CKAN groups. */
export const datasetThemes = sqliteTable(
  'dataset_themes',
  {
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    theme: text('theme', { enum: DATASET_THEMES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.datasetId, t.theme] }), index('dataset_themes_theme_idx').on(t.theme, t.datasetId)],
);

export const datasetResources = sqliteTable(
  'dataset_resources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    uuid: publicUuid(),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The department's own plain-language summary; empty: the page words one from the profile. */
    summary: text('summary').notNull().default(''),
    format: text('format', { enum: RESOURCE_FORMATS }).notNull(),
    originalFilename: text('original_filename').notNull(),
    /** Generated file id under the uploads directory; never derived from user input. */
    storageKey: text('storage_key'),
    byteSize: integer('byte_size').notNull().default(0),
    sha256: text('sha256'),
    encoding: text('encoding'),
    delimiter: text('delimiter'),
    /**
     * The table that is served (preview, downloads, every API): the de-identified version of the
     * upload, or the upload itself when it needs no change. Null while personal information found
     * by the privacy scan is unresolved: nothing is served then.
     */
    tableName: text('table_name'),
    rowCount: integer('row_count'),
    columns: text('columns', { mode: 'json' }).$type<DatastoreColumn[]>().notNull().default(sql`'[]'`),
    /** The table as uploaded: seen only by the owning department, and purgeable once de-identified. */
    rawTableName: text('raw_table_name'),
    rawRowCount: integer('raw_row_count'),
    rawColumns: text('raw_columns', { mode: 'json' }).$type<DatastoreColumn[]>().notNull().default(sql`'[]'`),
    /** Rows in groups smaller than k on these quasi-identifiers are left out of the served table. */
    suppression: text('suppression', { mode: 'json' }).$type<{ columns: string[]; k: number } | null>(),
    /** 'ready' once a table serves; an upload in progress is a row of resource_imports. */
    importStatus: text('import_status', { enum: IMPORT_STATUSES }).notNull().default('pending'),
    importedAt: integer('imported_at', { mode: 'timestamp_ms' }),
    /** The datum of the table's coordinate columns, set by the department; maps convert GCJ-02 for display. */
    coordinateSystem: text('coordinate_system', { enum: COORDINATE_SYSTEMS }).notNull().default('wgs84'),
    /**
     * A link resource (CKAN resource_create with a url and no upload): an address shown and
     * harvested as it is, never imported nor fetched by the server. Null for uploaded tables.
     */
    linkUrl: text('link_url'),
    /** The format the department declared for a link (e.g. API, HTML, PDF). */
    linkFormat: text('link_format').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('resources_dataset_idx').on(t.datasetId, t.position)],
);


/**
 * A chart an official pinned to the dataset page's "at a glance" section (at most six per dataset):
 * the chart builder's URL parameters, and its numbers as last counted from the served table.
 */
export const pinnedCharts = sqliteTable(
  'pinned_charts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => datasetResources.id, { onDelete: 'cascade' }),
    /** The chart and filter parameters of the resource page, e.g. chart=bar&x=站点&eq.线路=1路. */
    query: text('query').notNull(),
    /** The chart's numbers, counted from the served table imported at `dataOf`; recounted when that changes. */
    data: text('data', { mode: 'json' }).$type<ChartData>(),
    dataOf: integer('data_of', { mode: 'timestamp_ms' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('pinned_charts_dataset_idx').on(t.datasetId, t.id)],
);

/**
 * The polygons of a GeoJSON resource's features, simplified for display at import (the features'
 * properties are the resource's table). Choropleths find a district's shape here by its division
 * code (行政区划代码) or name. Replaced with each import; removed with the resource.
 */
export const boundaryFeatures = sqliteTable(
  'boundary_features',
  {
    resourceId: integer('resource_id')
      .notNull()
      .references(() => datasetResources.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: text('code'),
    name: text('name'),
    /** MultiPolygon coordinates, WGS-84, six decimals. */
    geometry: text('geometry', { mode: 'json' }).$type<number[][][][]>().notNull(),
    minLng: real('min_lng').notNull(),
    minLat: real('min_lat').notNull(),
    maxLng: real('max_lng').notNull(),
    maxLat: real('max_lat').notNull(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.position] }), index('boundary_features_code_idx').on(t.code)],
);

/**
 * A 一张图 combination an official saved for the home page: its title and the /map query string
 * (layers and view). Shown newest first, a few at a time.
 */
export const featuredMaps = sqliteTable(
  'featured_maps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    query: text('query').notNull(),
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'set null' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('featured_maps_created_idx').on(t.createdAt)],
);

/**
 * One upload of a file into a resource. The resource keeps serving its current table until a job
 * succeeds; a failed job leaves it untouched and records why.
 */
export const resourceImports = sqliteTable(
  'resource_imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => datasetResources.id, { onDelete: 'cascade' }),
    status: text('status', { enum: IMPORT_JOB_STATUSES }).notNull().default('queued'),
    format: text('format', { enum: RESOURCE_FORMATS }).notNull(),
    originalFilename: text('original_filename').notNull(),
    storageKey: text('storage_key').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256'),
    /** Share of the file read so far, 0 to 1. */
    progress: real('progress').notNull().default(0),
    rowsDone: integer('rows_done').notNull().default(0),
    /** A message key and its parameters, so the failure is shown in the reader's language. */
    errorCode: text('error_code'),
    errorParams: text('error_params', { mode: 'json' }).$type<Record<string, string | number>>(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    /**
     * The process that queued the job and runs it, and until when it is known to be alive (renewed
     * while it is). Start-up recovery fails only jobs whose lease has expired: another process's
     * import in progress is left alone.
     */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: integer('lease_expires_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('resource_imports_resource_idx').on(t.resourceId, t.id), index('resource_imports_status_idx').on(t.status)],
);

/** What the privacy scan of a resource's latest upload found, one row per flagged column and detector. */
export const privacyFindings = sqliteTable(
  'privacy_findings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => datasetResources.id, { onDelete: 'cascade' }),
    column: text('column').notNull(),
    detector: text('detector', { enum: PRIVACY_DETECTORS }).notNull(),
    matched: integer('matched').notNull(),
    nonEmpty: integer('non_empty').notNull(),
    share: real('share').notNull(),
    basis: text('basis', { enum: ['values', 'header', 'both'] }).notNull(),
    /** A few matching values, masked before they were stored: never raw. */
    examples: text('examples', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    createdAt: createdAt(),
  },
  (t) => [index('privacy_findings_resource_idx').on(t.resourceId)],
);

/**
 * How the department resolved a column of a resource. Kept by column name, so the same decisions
 * apply to the next monthly upload of the same table.
 */
export const privacyDecisions = sqliteTable(
  'privacy_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resourceId: integer('resource_id')
      .notNull()
      .references(() => datasetResources.id, { onDelete: 'cascade' }),
    column: text('column').notNull(),
    action: text('action', { enum: PRIVACY_ACTIONS }).notNull(),
    params: text('params', { mode: 'json' }).$type<PrivacyParams>().notNull().default(sql`'{}'`),
    /** Required for 'notPersonal': why this column may be published as it is. */
    reason: text('reason').notNull().default(''),
    /**
     * What the scan had found in the column when the decision was taken. A later upload that
     * brings another kind of personal value into the column is unresolved again (a column judged
     * "not personal" as free text must not carry ID numbers through unseen).
     */
    detectors: text('detectors', { mode: 'json' }).$type<PrivacyDetector[]>().notNull().default(sql`'[]'`),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('privacy_decisions_uq').on(t.resourceId, t.column)],
);

/** Personal API tokens for automated publishing (CKAN clients send them as Authorization). */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, so its owner can tell tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const dataRequests = sqliteTable(
  'data_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** What the requester wants to do with the data. */
    purpose: text('purpose').notNull().default(''),
    /** The department the requester thinks holds the data; officials may reassign. */
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'set null' }),
    requesterId: integer('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: DATA_REQUEST_STATUSES }).notNull().default('open'),
    response: text('response').notNull().default(''),
    respondedBy: integer('responded_by').references(() => users.id, { onDelete: 'set null' }),
    respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
    /** The dataset an answer of exists / fulfilled / released points to. */
    fulfilledDatasetId: integer('fulfilled_dataset_id').references(() => datasets.id, {
      onDelete: 'set null',
    }),
    /** Approximate release, YYYY-MM or YYYY-MM-DD, when planned. */
    plannedFor: text('planned_for'),
    declineReason: text('decline_reason', { enum: DECLINE_REASONS }),
    /** Rows of data_request_votes for this request, kept by triggers (migration 0008) so lists sort by it. */
    voteCount: integer('vote_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('data_requests_status_idx').on(t.status, t.createdAt),
    // Carries responded_at so "received and answered per department" is counted from the index alone.
    index('data_requests_department_idx').on(t.departmentId, t.respondedAt),
    index('data_requests_votes_idx').on(t.voteCount, t.createdAt),
    index('data_requests_created_idx').on(t.createdAt),
    // "Longest waiting": unanswered first, oldest first (the expression of the list's ORDER BY).
    index('data_requests_waiting_idx').on(sql`(${t.respondedAt} is not null)`, t.createdAt),
  ],
);

/**
 * A request's public history: every answer and status change (`status`), and every challenge
 * opened to answer it (`challenge`: the status is the request's at the time, left unchanged).
 */
export const dataRequestEvents = sqliteTable(
  'data_request_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: integer('request_id')
      .notNull()
      .references(() => dataRequests.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REQUEST_EVENT_KINDS }).notNull().default('status'),
    challengeId: integer('challenge_id').references(() => challenges.id, { onDelete: 'set null' }),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: DATA_REQUEST_STATUSES }).notNull(),
    note: text('note').notNull().default(''),
    datasetId: integer('dataset_id').references(() => datasets.id, { onDelete: 'set null' }),
    plannedFor: text('planned_for'),
    declineReason: text('decline_reason', { enum: DECLINE_REASONS }),
    createdAt: createdAt(),
  },
  (t) => [index('data_request_events_request_idx').on(t.requestId, t.createdAt)],
);

export const dataRequestVotes = sqliteTable(
  'data_request_votes',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => dataRequests.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.userId] }), index('data_request_votes_user_idx').on(t.userId)],
);

// ---------------------------------------------------------------------------------------------
// Challenges

export const challenges = sqliteTable(
  'challenges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    prizes: text('prizes').notNull().default(''),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    /** Publication state; the phase (upcoming/open/judging/results) is derived from the timeline. */
    status: text('status', { enum: CHALLENGE_STATUSES }).notNull().default('draft'),
    opensAt: integer('opens_at', { mode: 'timestamp_ms' }).notNull(),
    closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
    judgingEndsAt: integer('judging_ends_at', { mode: 'timestamp_ms' }).notNull(),
    allowIdeas: integer('allow_ideas', { mode: 'boolean' }).notNull().default(true),
    allowPrototypes: integer('allow_prototypes', { mode: 'boolean' }).notNull().default(true),
    teamSizeLimit: integer('team_size_limit').notNull().default(5),
    blindJudging: integer('blind_judging', { mode: 'boolean' }).notNull().default(false),
    peoplesChoice: integer('peoples_choice', { mode: 'boolean' }).notNull().default(false),
    /** Ideas gallery: entries are public once submitted, rather than only after results. */
    entriesPublic: integer('entries_public', { mode: 'boolean' }).notNull().default(false),
    assignmentMode: text('assignment_mode', { enum: ASSIGNMENT_MODES }).notNull().default('all'),
    judgesPerEntry: integer('judges_per_entry'),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    resultsPublishedAt: integer('results_published_at', { mode: 'timestamp_ms' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * Bumped by triggers (migration 0011) whenever anything the results are computed from changes:
     * reviews, scores, conflicts, judges, assignments, submitted entries, criteria, team members'
     * and judges' e-mail. A results snapshot records the value it was computed from, so staleness
     * is one comparison instead of a scan.
     */
    resultsInputsVersion: integer('results_inputs_version').notNull().default(0),
  },
  (t) => [
    index('challenges_status_closes_idx').on(t.status, t.closesAt),
    index('challenges_department_idx').on(t.departmentId, t.status),
    index('challenges_updated_idx').on(t.updatedAt),
    index('challenges_department_updated_idx').on(t.departmentId, t.updatedAt),
  ],
);

export const challengeDatasets = sqliteTable(
  'challenge_datasets',
  {
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    /** A conditional dataset whose rows entrants may read by accepting its agreement, until judging ends. */
    entrantAccess: integer('entrant_access', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.datasetId] }), index('challenge_datasets_dataset_idx').on(t.datasetId)],
);

/**
 * The public's data requests a challenge answers (one challenge may answer several). `announcedAt`
 * is when the request's history and its supporters heard of the published challenge: at
 * publication, or at linking when the challenge was already published.
 */
export const challengeRequests = sqliteTable(
  'challenge_requests',
  {
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    requestId: integer('request_id')
      .notNull()
      .references(() => dataRequests.id, { onDelete: 'cascade' }),
    linkedBy: integer('linked_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    announcedAt: integer('announced_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.requestId] }), index('challenge_requests_request_idx').on(t.requestId)],
);

export const criteria = sqliteTable(
  'criteria',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    weight: real('weight').notNull(),
    maxScore: integer('max_score').notNull().default(10),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('criteria_challenge_idx').on(t.challengeId, t.position)],
);


/** Announcements and FAQ entries on a challenge page; changes after publication add one automatically. */
export const challengePosts = sqliteTable(
  'challenge_posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: POST_KINDS }).notNull(),
    /** The question, for FAQ entries; a headline for announcements. */
    title: text('title').notNull().default(''),
    body: text('body').notNull(),
    /** Written by the platform (deadline extended, brief changed) rather than by a person. */
    automatic: integer('automatic', { mode: 'boolean' }).notNull().default(false),
    /** For FAQ entries pinned from the discussion: the answer they came from. */
    sourceCommentId: integer('source_comment_id').references((): AnySQLiteColumn => comments.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('challenge_posts_challenge_idx').on(t.challengeId, t.kind, t.createdAt), index('challenge_posts_source_idx').on(t.sourceCommentId)],
);

/** Judges of a challenge, including invitations to addresses that have no account yet. */
export const challengeJudges = sqliteTable(
  'challenge_judges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    /** Null while the invitation is pending for an address without an account. */
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('challenge_judges_email_uq').on(t.challengeId, t.email),
    index('challenge_judges_user_idx').on(t.userId),
    index('challenge_judges_email_idx').on(t.email),
  ],
);

// ---------------------------------------------------------------------------------------------
// Submissions

export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ENTRY_KINDS }).notNull(),
    title: text('title').notNull(),
    teamName: text('team_name').notNull().default(''),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    links: text('links', { mode: 'json' }).$type<SubmissionLinks>().notNull().default(sql`'{}'`),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('draft'),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    /** Increases with every save; a save based on an older version is a conflict, not an overwrite. */
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // Also serves every lookup by (challenge, status): galleries page through it newest first, and
  // the challenge page's entries-over-time chart groups it by day and kind without reading rows.
  (t) => [
    index('submissions_gallery_idx').on(t.challengeId, t.status, t.submittedAt, t.kind),
    // Site-wide counts of submitted entries, and the home page's entries per month.
    index('submissions_status_submitted_idx').on(t.status, t.submittedAt),
    // The organisers' list: every entry but drafts, latest submission first.
    index('submissions_submitted_idx').on(t.challengeId, t.submittedAt),
  ],
);

export const submissionMembers = sqliteTable(
  'submission_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    /** Repeated from the submission so the database itself keeps a person in one team per challenge. */
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    /** Null while an invitation to an address without an account is pending. */
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: MEMBER_ROLES }).notNull().default('member'),
    status: text('status', { enum: MEMBER_STATUSES }).notNull().default('invited'),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('submission_members_email_uq').on(t.submissionId, t.email),
    // One team per person per challenge: active members only (invitations may be many).
    uniqueIndex('submission_members_one_team_uq')
      .on(t.challengeId, t.userId)
      .where(sql`${t.status} = 'active'`),
    index('submission_members_user_idx').on(t.userId),
    index('submission_members_email_idx').on(t.email),
  ],
);

/** Every save of a submission: nothing a team wrote is ever lost. */
export const submissionRevisions = sqliteTable(
  'submission_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ENTRY_KINDS }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    links: text('links', { mode: 'json' }).$type<SubmissionLinks>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('submission_revisions_submission_idx').on(t.submissionId, t.createdAt)],
);

export const submissionDatasets = sqliteTable(
  'submission_datasets',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.datasetId] }), index('submission_datasets_dataset_idx').on(t.datasetId)],
);

export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    sha256: text('sha256').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_submission_idx').on(t.submissionId)],
);

// ---------------------------------------------------------------------------------------------
// Judging and results

/** Per-entry assignment, used when a challenge assigns N judges per entry. */
export const judgeAssignments = sqliteTable(
  'judge_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    judgeId: integer('judge_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('judge_assignments_uq').on(t.submissionId, t.judgeId),
    index('judge_assignments_judge_idx').on(t.judgeId, t.challengeId),
    index('judge_assignments_challenge_idx').on(t.challengeId, t.submissionId),
  ],
);

export const conflicts = sqliteTable(
  'conflicts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    judgeId: integer('judge_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source', { enum: CONFLICT_SOURCES }).notNull().default('declared'),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('conflicts_uq').on(t.submissionId, t.judgeId), index('conflicts_challenge_idx').on(t.challengeId)],
);

export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    judgeId: integer('judge_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('draft'),
    /** Seen by the organisers only. */
    privateNote: text('private_note').notNull().default(''),
    /** Shown to the team once results are published. */
    feedback: text('feedback').notNull().default(''),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('reviews_uq').on(t.submissionId, t.judgeId), index('reviews_judge_idx').on(t.judgeId)],
);

export const scores = sqliteTable(
  'scores',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.criterionId] }), index('scores_criterion_idx').on(t.criterionId)],
);

export const awards = sqliteTable(
  'awards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: AWARD_KINDS }).notNull(),
    /** Shown instead of the kind's translated name when kind is 'custom'. */
    customName: text('custom_name'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('awards_challenge_idx').on(t.challengeId, t.position), index('awards_submission_idx').on(t.submissionId)],
);

/**
 * 成果转化: what became of an entry after the results, kept by the challenge's department (or a
 * department taking it up). One record per entry; `challenge_id`, `department_id` (the
 * challenge's) and `results_year` are copied from the challenge so the public list filters and
 * counts on indexes. `last_update_at` is the newest public update, for "no news in 90 days".
 */
export const adoptions = sqliteTable(
  'adoptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .unique()
      .references(() => submissions.id, { onDelete: 'restrict' }),
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'restrict' }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    resultsYear: integer('results_year').notNull(),
    /** Whether the entry won any award (counted once, however many). */
    awarded: integer('awarded', { mode: 'boolean' }).notNull().default(false),
    stage: text('stage', { enum: ADOPTION_STAGES }).notNull(),
    notAdoptedReason: text('not_adopted_reason', { enum: NOT_ADOPTED_REASONS }),
    link: text('link'),
    outcomes: text('outcomes', { mode: 'json' }).$type<AdoptionOutcome[]>().notNull().default(sql`'[]'`),
    /** How the team is credited, and the terms of use and any reward, as the department states them. */
    credit: text('credit').notNull().default(''),
    terms: text('terms').notNull().default(''),
    teamResponse: text('team_response', { enum: TEAM_RESPONSES }),
    teamResponseNote: text('team_response_note').notNull().default(''),
    teamRespondedAt: integer('team_responded_at', { mode: 'timestamp_ms' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUpdateAt: integer('last_update_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('adoptions_recent_idx').on(t.lastUpdateAt),
    index('adoptions_stage_idx').on(t.stage, t.lastUpdateAt),
    index('adoptions_department_idx').on(t.departmentId, t.lastUpdateAt),
    index('adoptions_year_idx').on(t.resultsYear, t.lastUpdateAt),
    index('adoptions_challenge_idx').on(t.challengeId),
  ],
);

/** The departments taking an idea up (besides, or instead of, the challenge's). */
export const adoptionDepartments = sqliteTable(
  'adoption_departments',
  {
    adoptionId: integer('adoption_id')
      .notNull()
      .references(() => adoptions.id, { onDelete: 'cascade' }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.adoptionId, t.departmentId] }), index('adoption_departments_department_idx').on(t.departmentId)],
);

/** The dated public timeline of an adoption record: one row per update, with the stage it set. */
export const adoptionUpdates = sqliteTable(
  'adoption_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    adoptionId: integer('adoption_id')
      .notNull()
      .references(() => adoptions.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: ADOPTION_STAGES }).notNull(),
    note: text('note').notNull().default(''),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('adoption_updates_adoption_idx').on(t.adoptionId, t.createdAt), index('adoption_updates_recent_idx').on(t.createdAt)],
);

/** People's Choice votes: one per voter per challenge, moved to another entry by updating it. */
export const votes = sqliteTable(
  'votes',
  {
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.userId] }), index('votes_submission_idx').on(t.submissionId)],
);

/** The method a results snapshot was computed with, so a stored record says how to recompute it. */
export const RESULTS_METHOD = 'zscore-mean/bootstrap-rank-interval/v1';

/**
 * The results record of a challenge: one row per challenge, computed off the request thread from
 * the inputs as they were at `inputsVersion` (see challenges.resultsInputsVersion). Readers take
 * it as it is; a snapshot whose version (or phase) no longer matches is recomputed in a worker.
 * Once results are published the snapshot computed for publication is final and never replaced.
 */
export const resultSnapshots = sqliteTable('result_snapshots', {
  challengeId: integer('challenge_id')
    .primaryKey()
    .references(() => challenges.id, { onDelete: 'cascade' }),
  inputsVersion: integer('inputs_version').notNull(),
  /** The challenge's phase when computed: review coverage and assignments depend on it. */
  phase: text('phase').$type<Phase>().notNull(),
  /** The published record: computed at publication (or first read after it) and frozen. */
  final: integer('final', { mode: 'boolean' }).notNull().default(false),
  method: text('method').notNull(),
  /** The rubric the totals were computed with (id, weight, maximum), in the rubric's order. */
  criteria: text('criteria', { mode: 'json' }).$type<{ id: number; weight: number; maxScore: number }[]>().notNull(),
  bootstrap: text('bootstrap', { mode: 'json' }).$type<{ iterations: number; seed: number }>().notNull(),
  agreement: text('agreement', { mode: 'json' }).$type<{ kendallW: number | null; method: 'complete' | 'pairwise' | null; judges: number }>().notNull(),
  judges: text('judges', { mode: 'json' }).$type<{ judgeId: number; reviewCount: number; meanTotal: number | null; consensusCorrelation: number | null }[]>().notNull(),
  entryCount: integer('entry_count').notNull(),
  rankedCount: integer('ranked_count').notNull(),
  /** Entries with fewer counted reviews than expected, and entries with (possible) conflicts: the organiser's filters. */
  incompleteCount: integer('incomplete_count').notNull(),
  flaggedCount: integer('flagged_count').notNull(),
  /** What publishing must confirm (see countMissingReviews); 0 outside judging. */
  missingReviews: integer('missing_reviews').notNull(),
  computedAt: integer('computed_at', { mode: 'timestamp_ms' }).notNull(),
  computeMs: integer('compute_ms').notNull(),
});

/**
 * One row per listed entry of a snapshot. `position` is the entry's place in the ranking order
 * (rank, then entry id; unranked entries last), 0-based and contiguous, so a page of the ranking
 * is a range of positions. No foreign key on entry_id: the record keeps an entry that is later
 * deleted, and deleting a submission does not have to search this table.
 */
export const resultEntries = sqliteTable(
  'result_entries',
  {
    challengeId: integer('challenge_id')
      .notNull()
      .references(() => resultSnapshots.challengeId, { onDelete: 'cascade' }),
    entryId: integer('entry_id').notNull(),
    position: integer('position').notNull(),
    rank: integer('rank'),
    rankLow: integer('rank_low'),
    rankHigh: integer('rank_high'),
    normalised: real('normalised'),
    rawMean: real('raw_mean'),
    reviewCount: integer('review_count').notNull(),
    /** Criterion id → mean raw score (null without reviews). */
    criterionMeans: text('criterion_means', { mode: 'json' }).$type<Record<string, number | null>>().notNull(),
    expectedReviews: integer('expected_reviews').notNull(),
    conflicts: integer('conflicts').notNull(),
    possibleConflicts: integer('possible_conflicts').notNull(),
    /** People's Choice votes, recorded in the final snapshot only (voting has closed by then). */
    votes: integer('votes'),
  },
  (t) => [
    primaryKey({ columns: [t.challengeId, t.entryId] }),
    uniqueIndex('result_entries_position_uq').on(t.challengeId, t.position),
    // The organiser's two filters, each an index of just the matching rows in ranking order.
    index('result_entries_incomplete_idx').on(t.challengeId, t.position).where(sql`${t.reviewCount} < ${t.expectedReviews}`),
    index('result_entries_flagged_idx').on(t.challengeId, t.position).where(sql`${t.conflicts} + ${t.possibleConflicts} > 0`),
    index('result_entries_votes_idx').on(t.challengeId, sql`${t.votes} DESC`, t.entryId).where(sql`${t.votes} IS NOT NULL`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Discussion

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    targetType: text('target_type', { enum: COMMENT_TARGETS }).notNull(),
    targetId: integer('target_id').notNull(),
    /** One level of replies: a reply's parent is always a top-level comment. */
    parentId: integer('parent_id').references((): AnySQLiteColumn => comments.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    isOfficial: integer('is_official', { mode: 'boolean' }).notNull().default(false),
    hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
    hiddenReason: text('hidden_reason'),
    hiddenBy: integer('hidden_by').references(() => users.id, { onDelete: 'set null' }),
    /** Hidden by three reports and waiting for a moderator (not by a moderator's decision). */
    hiddenByReports: integer('hidden_by_reports', { mode: 'boolean' }).notNull().default(false),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    /** Last edit by the author (only within the edit window). */
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('comments_target_idx').on(t.targetType, t.targetId, t.createdAt),
    index('comments_parent_idx').on(t.parentId),
    // Pages of a discussion: top-level comments (parent null) in order, and each one's replies.
    index('comments_thread_idx').on(t.targetType, t.targetId, t.parentId, t.createdAt),
    index('comments_author_idx').on(t.authorId),
  ],
);

/** One report per person per comment; a moderator's decision resolves every open report on it. */
export const commentReports = sqliteTable(
  'comment_reports',
  {
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: REPORT_REASONS }).notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.reporterId] }), index('comment_reports_open_idx').on(t.resolvedAt, t.commentId)],
);

// ---------------------------------------------------------------------------------------------
// Follows and notifications

export const follows = sqliteTable(
  'follows',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    targetType: text('target_type', { enum: FOLLOW_TARGETS }).notNull(),
    targetId: integer('target_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] }), index('follows_target_idx').on(t.targetType, t.targetId)],
);

/** In-app notifications; the text is rendered from kind + params in the reader's language. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    params: text('params', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    /** Site-relative path the notification leads to. */
    link: text('link').notNull(),
    mailState: text('mail_state', { enum: NOTIFICATION_MAIL_STATES }).notNull().default('none'),
    createdAt: createdAt(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_digest_idx').on(t.mailState, t.userId),
    // The bell on every signed-in page counts these.
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/** Only choices that differ from the defaults are stored. */
export const notificationPreferences = sqliteTable(
  'notification_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    delivery: text('delivery', { enum: DELIVERIES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

// ---------------------------------------------------------------------------------------------
// Site search

/**
 * Documents of the search index (`search_index`, rowid = source id × 8 + kind, migration 0009)
 * whose one- and two-character index (`search_short`) is out of date. The search triggers add to
 * it in the same transaction as the change; a worker drains it (app/models/search.server.ts).
 */
export const searchShortQueue = sqliteTable('search_short_queue', {
  doc: integer('doc').primaryKey(),
});

// ---------------------------------------------------------------------------------------------
// Joins between datasets

/**
 * How many distinct key values two served tables share, for "joinable datasets". Tables never
 * change once they serve, so an overlap is computed once (in a worker) and kept; the pair is
 * stored with the smaller table name first. Rows of dropped tables are removed with them.
 */
export const joinOverlaps = sqliteTable(
  'join_overlaps',
  {
    tableA: text('table_a').notNull(),
    columnA: text('column_a').notNull(),
    tableB: text('table_b').notNull(),
    columnB: text('column_b').notNull(),
    overlap: integer('overlap').notNull(),
    computedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tableA, t.columnA, t.tableB, t.columnB] }), index('join_overlaps_table_b_idx').on(t.tableB)],
);

// ---------------------------------------------------------------------------------------------
// State shared by every app process (docs/deploy-postgres.md: several nodes on one database)

/**
 * Rate limit counters, one row per limiter and key (`login-ip:203.0.113.7`): a window opens with
 * the first attempt and closes `resets_at`; attempts past the limit inside it are refused,
 * whichever process receives them. Unlogged on PostgreSQL (migration): lost in a crash, like the
 * memory they replace. Rows whose window has passed are deleted by the periodic sweep.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    bucket: text('bucket').primaryKey(),
    count: integer('count').notNull(),
    resetsAt: integer('resets_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('rate_limits_resets_idx').on(t.resetsAt)],
);

/** Failed sign-ins per account (app/lib/login-throttle.ts): the growing delay holds on every process. */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sign_in_failures_last_idx').on(t.lastFailureAt)],
);

/**
 * Leases on work only one process may do at a time (the daily digests, the upload sweep): a process
 * runs the job while it holds an unexpired lease, and another takes it over once the lease has
 * expired (its holder died).
 */
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});
