/**
 * The PostgreSQL schema: every table of db/schema.ts, derived by db/schema-to-pg.ts with the same
 * table, column and index names (see there for the type mapping). Migrations in db/migrations-pg
 * are generated from this file (`npm run db:generate:pg`) and committed; tests/integration/
 * schema-engines.test.ts migrates both engines and compares what they built.
 *
 * Edit db/schema.ts, never the tables here; this file only says where PostgreSQL departs on purpose:
 * - byte sizes are `bigint` (an upload limit may be set above 2 GB);
 * - public UUIDs have the database default gen_random_uuid(), where SQLite fills them by trigger
 *   (migration 0020) for rows inserted without drizzle.
 * A new table of db/schema.ts needs its line here (the comparison test says so).
 */
import { sql } from 'drizzle-orm';
import * as sqlite from './schema';
import { pgTableFrom } from './schema-to-pg';

export * from '../app/lib/vocabulary';
export { RESULTS_METHOD } from './schema';

const randomUuid = sql`gen_random_uuid()::text`;

export const departments = pgTableFrom(sqlite.departments, { defaults: { uuid: randomUuid } });
export const users = pgTableFrom(sqlite.users);
export const sessions = pgTableFrom(sqlite.sessions);
export const emailTokens = pgTableFrom(sqlite.emailTokens);
export const recoveryCodes = pgTableFrom(sqlite.recoveryCodes);
export const mailOutbox = pgTableFrom(sqlite.mailOutbox);
export const auditLog = pgTableFrom(sqlite.auditLog);
export const siteSettings = pgTableFrom(sqlite.siteSettings);
export const usageDaily = pgTableFrom(sqlite.usageDaily);
export const legalDocuments = pgTableFrom(sqlite.legalDocuments);
export const consents = pgTableFrom(sqlite.consents);
export const datasets = pgTableFrom(sqlite.datasets, { defaults: { uuid: randomUuid } });
export const datasetAgreements = pgTableFrom(sqlite.datasetAgreements);
export const accessApplications = pgTableFrom(sqlite.accessApplications);
export const accessGrants = pgTableFrom(sqlite.accessGrants);
export const grantReads = pgTableFrom(sqlite.grantReads);
export const datasetTags = pgTableFrom(sqlite.datasetTags);
export const datasetThemes = pgTableFrom(sqlite.datasetThemes);
export const datasetResources = pgTableFrom(sqlite.datasetResources, { bigint: ['byteSize'], defaults: { uuid: randomUuid } });
export const pinnedCharts = pgTableFrom(sqlite.pinnedCharts);
export const boundaryFeatures = pgTableFrom(sqlite.boundaryFeatures);
export const featuredMaps = pgTableFrom(sqlite.featuredMaps);
export const resourceImports = pgTableFrom(sqlite.resourceImports, { bigint: ['byteSize'] });
export const privacyFindings = pgTableFrom(sqlite.privacyFindings);
export const privacyDecisions = pgTableFrom(sqlite.privacyDecisions);
export const apiTokens = pgTableFrom(sqlite.apiTokens);
export const dataRequests = pgTableFrom(sqlite.dataRequests);
export const dataRequestEvents = pgTableFrom(sqlite.dataRequestEvents);
export const dataRequestVotes = pgTableFrom(sqlite.dataRequestVotes);
export const challenges = pgTableFrom(sqlite.challenges);
export const challengeDatasets = pgTableFrom(sqlite.challengeDatasets);
export const challengeRequests = pgTableFrom(sqlite.challengeRequests);
export const adoptions = pgTableFrom(sqlite.adoptions);
export const adoptionDepartments = pgTableFrom(sqlite.adoptionDepartments);
export const adoptionUpdates = pgTableFrom(sqlite.adoptionUpdates);
export const criteria = pgTableFrom(sqlite.criteria);
export const challengePosts = pgTableFrom(sqlite.challengePosts);
export const challengeJudges = pgTableFrom(sqlite.challengeJudges);
export const submissions = pgTableFrom(sqlite.submissions);
export const submissionMembers = pgTableFrom(sqlite.submissionMembers);
export const submissionRevisions = pgTableFrom(sqlite.submissionRevisions);
export const submissionDatasets = pgTableFrom(sqlite.submissionDatasets);
export const attachments = pgTableFrom(sqlite.attachments, { bigint: ['byteSize'] });
export const judgeAssignments = pgTableFrom(sqlite.judgeAssignments);
export const conflicts = pgTableFrom(sqlite.conflicts);
export const reviews = pgTableFrom(sqlite.reviews);
export const scores = pgTableFrom(sqlite.scores);
export const awards = pgTableFrom(sqlite.awards);
export const votes = pgTableFrom(sqlite.votes);
export const resultSnapshots = pgTableFrom(sqlite.resultSnapshots);
export const resultEntries = pgTableFrom(sqlite.resultEntries);
export const comments = pgTableFrom(sqlite.comments);
export const commentReports = pgTableFrom(sqlite.commentReports);
export const follows = pgTableFrom(sqlite.follows);
export const notifications = pgTableFrom(sqlite.notifications);
export const notificationPreferences = pgTableFrom(sqlite.notificationPreferences);
export const searchShortQueue = pgTableFrom(sqlite.searchShortQueue);
export const joinOverlaps = pgTableFrom(sqlite.joinOverlaps);
export const rateLimits = pgTableFrom(sqlite.rateLimits);
export const signInFailures = pgTableFrom(sqlite.signInFailures);
export const jobLeases = pgTableFrom(sqlite.jobLeases);
