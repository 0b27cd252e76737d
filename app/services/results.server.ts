/**
 * The results pages' reads, with the stored ranking snapshot kept current by a worker thread
 * (results-refresh.server.ts). The reads themselves are in models/results.server.ts; this module
 * hands them the refresh. Awards and publishing are actions (app/actions/results.server.ts).
 */
import type { Viewer } from '~/lib/access';
import * as results from '~/models/results.server';
import { ensureResultsSnapshot, RESULTS_WAIT_MS } from './results-refresh.server';

const refreshWithin = (now: Date, waitMs: number) => (challengeId: number) => ensureResultsSnapshot(
challengeId, { now, waitMs });

export async function getResultsForOrganiser(viewer: Viewer, slug: string, now: Date, query: results.OrganiserResultsQuery = { filter: 'all', page: 1, notesPage: 1 }) {
  return await results.getResultsForOrganiser(viewer, slug, now, query, refreshWithin(now, RESULTS_WAIT_MS));
}

export async function exportResultsForOrganiser(viewer: Viewer, slug: string, now: Date, waitMs: number) {
  return await results.exportResultsForOrganiser(viewer, slug, refreshWithin(now, waitMs));
}

export async function getPublicResults(slug: string, now: Date, requestedPage = 1) {
  return await results.getPublicResults(slug, now, requestedPage, refreshWithin(now, RESULTS_WAIT_MS));
}

export async function getTeamFeedback(entryId: number, viewer: Viewer | null, now: Date) {
  return await results.getTeamFeedback(entryId, viewer, now, refreshWithin(now, RESULTS_WAIT_MS));
}
