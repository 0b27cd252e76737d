/**
 * The domain's vocabulary: roles, statuses, kinds and reasons, and the shapes of JSON columns. The
 * database schema (db/schema.ts) imports these; pages and components import them from here, so
 * the browser never loads the schema.
 */
import type { ProfileChart } from './charts/profile-chart';
export const ROLES = ['participant', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DATASET_STATUSES = ['draft', 'published', 'retired'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];

/**
 * 开放属性: who outside the government may read a published dataset. open: everyone (无条件开放);
 * conditional: its description, dictionary and profile charts are public, rows only for approved
 * applicants (有条件开放); closed: not listed publicly at all (不予开放).
 */
export const ACCESS_LEVELS = ['open', 'conditional', 'closed'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** 共享属性: what officials of other departments may read (无条件共享 / 有条件共享 / 不予共享). */
export const SHARING_LEVELS = ['shared', 'conditional', 'not_shared'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

/** 共享方式: how the data reaches another department (接口 / 文件 / both). */
export const SHARING_METHODS = ['api', 'file', 'api_and_file'] as const;
export type SharingMethod = (typeof SHARING_METHODS)[number];

/** 资源分类 of 政务信息资源目录编制指南: 基础 / 主题 / 部门 resources. */
export const RESOURCE_CATEGORIES = ['base', 'theme', 'department'] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];

/** Who an access application is made for: the applicant, an organisation, or the applicant's department. */
export const APPLICANT_KINDS = ['person', 'organisation', 'department'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const APPLICATION_STATUSES = ['pending', 'approved', 'refused', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** What a read under a grant was: a page of the preview, a rows-API page, a CKAN datastore_search, a download. */
export const GRANT_READ_KINDS = ['preview', 'rows_api', 'datastore_search', 'download'] as const;
export type GrantReadKind = (typeof GRANT_READ_KINDS)[number];

export const LICENCES = ['cc-by-4.0', 'cc0-1.0', 'odc-by', 'gov-open'] as const;
export type Licence = (typeof LICENCES)[number];

export const UPDATE_FREQUENCIES = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'irregular',
  'once',
] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];

/** geojson: boundaries (polygons, for choropleths) or points; its properties are served as a table. */
export const RESOURCE_FORMATS = ['csv', 'xlsx', 'json', 'geojson', 'other'] as const;
export type ResourceFormat = (typeof RESOURCE_FORMATS)[number];

/** The datum a resource's coordinates are in: GPS/天地图 (WGS-84, CGCS2000) or Chinese web maps (GCJ-02). */
export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

export const IMPORT_STATUSES = ['pending', 'importing', 'ready', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const COLUMN_TYPES = ['integer', 'decimal', 'date', 'text', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const PRIVACY_DETECTORS = ['idCard', 'mobile', 'landline', 'email', 'ipv4', 'ipv6', 'bankCard', 'plate', 'name', 'address'] as const;
export type PrivacyDetector = (typeof PRIVACY_DETECTORS)[number];

export const PRIVACY_ACTIONS = ['drop', 'mask', 'generalise', 'pseudonymise', 'notPersonal'] as const;
export type PrivacyAction = (typeof PRIVACY_ACTIONS)[number];

export const GENERALISATIONS = ['year', 'yearMonth', 'birthYearRegion', 'district', 'ageBand5'] as const;
export type GeneralisationKind = (typeof GENERALISATIONS)[number];

/** Parameters of a privacy decision: what to keep when masking, what to generalise to. */
export interface PrivacyParams {
  keepStart?: number;
  keepEnd?: number;
  /** Mask only the personal information found inside free text (备注), not the whole cell. */
  embedded?: boolean;
  to?: GeneralisationKind;
}

/** What a column's profile says about its values, computed once after each import. */
export interface ColumnProfile {
  empty: number;
  distinct: number;
  /** Set when the distinct count is an estimate (very varied columns of large tables). */
  distinctApproximate?: boolean;
  min: string | number | null;
  max: string | number | null;
  /** Most common values with their counts, most frequent first. */
  top: { value: string | number; count: number }[];
  /**
   * The column's chart, computed from the served table; null when there is nothing to draw (an
   * empty column, all values different). Absent for tables served before charts existed, which
   * the start-up backfill (app/services/chart-backfill.server.ts) counts.
   */
  chart?: ProfileChart | null;
}

/** One column of a datastore table; the list is the resource's data dictionary. */
export interface DatastoreColumn {
  /** Column name in the datastore table: the uploaded header, trimmed (Chinese included). */
  name: string;
  /** Header exactly as it appeared in the uploaded file. */
  source: string;
  type: ColumnType;
  /** Friendlier label and explanation written by the department (the data dictionary). */
  label?: string;
  description?: string;
  profile?: ColumnProfile;
}

/** Kinds of identifiers that link datasets to each other. */
export const KEY_KINDS = ['uscc', 'admin_division', 'date', 'year_month'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

export interface KeyColumn {
  /** A column name of the dataset's tables. */
  column: string;
  kind: KeyKind;
}

/**
 * open: awaiting an answer; planned: will be released (approximate date); exists: already open
 * (links the dataset); fulfilled: newly published for this request (links it); released: released
 * after de-identification (links it); declined: with a reason.
 */
export const DATA_REQUEST_STATUSES = ['open', 'planned', 'exists', 'fulfilled', 'released', 'declined'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

/** status: an answer or status change; challenge: a challenge was opened to answer the request (status unchanged). */
export const REQUEST_EVENT_KINDS = ['status', 'challenge'] as const;
export type RequestEventKind = (typeof REQUEST_EVENT_KINDS)[number];

export const DECLINE_REASONS = ['personal_data', 'not_held', 'legal', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const CHALLENGE_STATUSES = ['draft', 'published'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

export const ENTRY_KINDS = ['idea', 'prototype'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ASSIGNMENT_MODES = ['all', 'per_entry'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'withdrawn', 'disqualified'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const MEMBER_ROLES = ['owner', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['invited', 'active', 'declined'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const REVIEW_STATUSES = ['draft', 'completed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Declared by the judge, or recorded by an organiser (e.g. after a detected e-mail-domain match). */
export const CONFLICT_SOURCES = ['declared', 'organiser'] as const;
export type ConflictSource = (typeof CONFLICT_SOURCES)[number];

/** 成果转化: where an idea stands after the results (评估中 / 试点中 / 已上线 / 未采纳). */
export const ADOPTION_STAGES = ['evaluating', 'piloting', 'in_service', 'not_adopted'] as const;
export type AdoptionStage = (typeof ADOPTION_STAGES)[number];
export const NOT_ADOPTED_REASONS = ['cost', 'feasibility', 'data', 'policy', 'duplicate', 'team', 'other'] as const;
export type NotAdoptedReason = (typeof NOT_ADOPTED_REASONS)[number];
/** The entry's team on an "adopted" claim. */
export const TEAM_RESPONSES = ['confirmed', 'disputed'] as const;
export type TeamResponse = (typeof TEAM_RESPONSES)[number];

export interface AdoptionOutcome {
  label: string;
  value: number;
  unit: string;
  /** YYYY-MM-DD */
  asOf: string;
}

export const AWARD_KINDS = ['first', 'second', 'third', 'honourable', 'peoples_choice', 'custom'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];

export const COMMENT_TARGETS = ['challenge', 'submission', 'data_request'] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

export const REPORT_REASONS = ['spam', 'abuse', 'personal_info', 'off_topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const FOLLOW_TARGETS = ['challenge', 'dataset', 'data_request'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

export const NOTIFICATION_KINDS = [
  'team_invitation',
  'entry_received',
  'challenge_update',
  'request_answered',
  'dataset_updated',
  'feedback_available',
  'results_published',
  'comment_reply',
  /** For a department's officials: a data request addressed to it. */
  'request_received',
  /** For a department's officials: a question in one of its challenges' discussions. */
  'question_received',
  /** For a department's officials: an application for one of its conditional datasets. */
  'application_received',
  /** For the applicant: the department approved or refused an application, or revoked its grant. */
  'application_decided',
  /** For a data request's asker and supporters: a challenge answering it was published. */
  'request_challenge',
  /** For an entry's team: its adoption record changed or gained an update. */
  'adoption_update',
  /** For a data request's asker and supporters: an idea from a challenge answering it is piloted or in service. */
  'request_idea_adopted',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERIES = ['instant', 'digest', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** none: no e-mail wanted (or no verified address); digest: waiting for the daily digest; mailed: queued in the outbox. */
export const NOTIFICATION_MAIL_STATES = ['none', 'digest', 'mailed'] as const;
export type NotificationMailState = (typeof NOTIFICATION_MAIL_STATES)[number];

export interface SubmissionLinks {
  repository?: string;
  demo?: string;
  video?: string;
}

/**
 * verify: the address; reset: a forgotten password; invite: an account an admin made, whose owner
 * sets the password; email_change: a new address, proved by the link sent to it.
 */
export const EMAIL_TOKEN_PURPOSES = ['verify', 'reset', 'invite', 'email_change'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'logged'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

export const POST_KINDS = ['announcement', 'faq'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const LEGAL_DOCUMENT_KINDS = ['privacy', 'terms'] as const;
export type LegalDocumentKind = (typeof LEGAL_DOCUMENT_KINDS)[number];

/** The site's identity and legal particulars an admin sets (footer, 备案 numbers). */
export const SITE_SETTING_KEYS = ['siteName', 'sponsor', 'organizer', 'contact', 'icp', 'psbRecord', 'psbLink', 'siteCode'] as const;
export type SiteSettingKey = (typeof SITE_SETTING_KEYS)[number];

/** What the usage counts: downloads of data files, and calls to the REST and CKAN APIs. */
export const USAGE_KINDS = ['download', 'api'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

/**
 * 主题分类: the themes a dataset is filed under (CKAN groups, DCAT themes), a fixed list so that
 * every county's catalogue harvests into the same provincial themes. Each maps to the EU data-theme
 * vocabulary that DCAT-AP harvesters expect for dcat:theme.
 */
export const DATASET_THEMES = [
  'economy',
  'finance',
  'agriculture',
  'environment',
  'transport',
  'urban',
  'education',
  'health',
  'social',
  'employment',
  'culture',
  'safety',
  'government',
  'science',
  'energy',
  'population',
] as const;
export type DatasetTheme = (typeof DATASET_THEMES)[number];

const EU_DATA_THEME = 'http://publications.europa.eu/resource/authority/data-theme/';
export const EU_THEME_OF: Record<DatasetTheme, string> = {
  economy: `${EU_DATA_THEME}ECON`,
  finance: `${EU_DATA_THEME}ECON`,
  agriculture: `${EU_DATA_THEME}AGRI`,
  environment: `${EU_DATA_THEME}ENVI`,
  transport: `${EU_DATA_THEME}TRAN`,
  urban: `${EU_DATA_THEME}REGI`,
  education: `${EU_DATA_THEME}EDUC`,
  health: `${EU_DATA_THEME}HEAL`,
  social: `${EU_DATA_THEME}SOCI`,
  employment: `${EU_DATA_THEME}ECON`,
  culture: `${EU_DATA_THEME}EDUC`,
  safety: `${EU_DATA_THEME}JUST`,
  government: `${EU_DATA_THEME}GOVE`,
  science: `${EU_DATA_THEME}TECH`,
  energy: `${EU_DATA_THEME}ENER`,
  population: `${EU_DATA_THEME}SOCI`,
};
