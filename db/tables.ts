/**
 * The tables the models query, on the engine this process runs (docs/decisions/012-postgresql.md):
 * db/schema.ts's SQLite tables, or their PostgreSQL counterparts from db/schema.pg.ts, chosen once
 * at import by DATABASE_URL. Both have the same names, columns and TypeScript row types
 * (db/schema-to-pg.ts), so models import their tables from here and are written once; they are
 * typed as the SQLite tables.
 *
 * Everything else of db/schema.ts (the domain's words, types) is re-exported as it is. A table added
 * to db/schema.ts needs its line here (db/tables.test.ts says so).
 */
import { databaseEngine } from '../app/config.server';
import * as pgTables from './schema.pg';
import * as sqliteTables from './schema';

export * from './schema';

const chosen = (databaseEngine() === 'postgres' ? pgTables : sqliteTables) as unknown as typeof sqliteTables;

export const departments = chosen.departments;
export const users = chosen.users;
export const sessions = chosen.sessions;
export const emailTokens = chosen.emailTokens;
export const recoveryCodes = chosen.recoveryCodes;
export const mailOutbox = chosen.mailOutbox;
export const auditLog = chosen.auditLog;
export const siteSettings = chosen.siteSettings;
export const usageDaily = chosen.usageDaily;
export const legalDocuments = chosen.legalDocuments;
export const consents = chosen.consents;
export const datasets = chosen.datasets;
export const datasetAgreements = chosen.datasetAgreements;
export const accessApplications = chosen.accessApplications;
export const accessGrants = chosen.accessGrants;
export const grantReads = chosen.grantReads;
export const datasetTags = chosen.datasetTags;
export const datasetThemes = chosen.datasetThemes;
export const datasetResources = chosen.datasetResources;
export const pinnedCharts = chosen.pinnedCharts;
export const boundaryFeatures = chosen.boundaryFeatures;
export const featuredMaps = chosen.featuredMaps;
export const resourceImports = chosen.resourceImports;
export const privacyFindings = chosen.privacyFindings;
export const privacyDecisions = chosen.privacyDecisions;
export const apiTokens = chosen.apiTokens;
export const dataRequests = chosen.dataRequests;
export const dataRequestEvents = chosen.dataRequestEvents;
export const dataRequestVotes = chosen.dataRequestVotes;
export const challenges = chosen.challenges;
export const challengeDatasets = chosen.challengeDatasets;
export const challengeRequests = chosen.challengeRequests;
export const adoptions = chosen.adoptions;
export const adoptionDepartments = chosen.adoptionDepartments;
export const adoptionUpdates = chosen.adoptionUpdates;
export const criteria = chosen.criteria;
export const challengePosts = chosen.challengePosts;
export const challengeJudges = chosen.challengeJudges;
export const submissions = chosen.submissions;
export const submissionMembers = chosen.submissionMembers;
export const submissionRevisions = chosen.submissionRevisions;
export const submissionDatasets = chosen.submissionDatasets;
export const attachments = chosen.attachments;
export const judgeAssignments = chosen.judgeAssignments;
export const conflicts = chosen.conflicts;
export const reviews = chosen.reviews;
export const scores = chosen.scores;
export const awards = chosen.awards;
export const votes = chosen.votes;
export const resultSnapshots = chosen.resultSnapshots;
export const resultEntries = chosen.resultEntries;
export const comments = chosen.comments;
export const commentReports = chosen.commentReports;
export const follows = chosen.follows;
export const notifications = chosen.notifications;
export const notificationPreferences = chosen.notificationPreferences;
export const searchShortQueue = chosen.searchShortQueue;
export const joinOverlaps = chosen.joinOverlaps;
export const rateLimits = chosen.rateLimits;
export const signInFailures = chosen.signInFailures;
export const jobLeases = chosen.jobLeases;
