/**
 * The catalogue export and import as the pages use them. The heavy work runs in a worker thread
 * (catalogue-work.server.ts); here are the hand-overs and the ticket that keeps an uploaded sheet
 * on the server between the preview and the confirmation.
 *
 * The ticket names the stored file, who uploaded it and when, signed with the site's session
 * secret: the browser carries it between the two steps but cannot point it at another file or use
 * someone else's, and nothing parsed ever comes back from the browser: the confirmation reads the
 * stored file again and must plan to exactly what the preview showed.
 */
import crypto from 'node:crypto';
import type { ActingUser, Actor } from '~/lib/result';
import { catalogueFileName } from '~/lib/catalogue/layout';
import { detectTableFormat } from '~/lib/import/format';
import { catalogueDepartment, type CatalogueScope } from '~/models/catalogue.server';
import { config } from '~/config.server';
import { getSecret } from '~/secrets.server';
import type { ApplyOutcome, CatalogueFormat, PreviewInput } from './catalogue-work.server';
import { deleteUpload, readUploadHead, uploadExists, type StoredUpload } from './uploads.server';
import { runTask } from './workers/pool.server';

/** How long an uploaded sheet waits for its confirmation. */
export const TICKET_TTL_MS = 2 * 60 * 60 * 1000;
export { CATALOGUE_MAX_ROWS } from './catalogue-work.server';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The catalogue of a scope as an XLSX file, built in a worker, with its file name. */
export async function exportCatalogue(scope: CatalogueScope, now = new Date()): Promise<{ body: Uint8Array<ArrayBuffer>; filename: string }> {
  const timeZone = config().timeZone;
  const body = new Uint8Array(await runTask('catalogueXlsx', { scope, timeZone }));
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const name = scope === 'all' ? null : ((await catalogueDepartment(scope))?.name ?? null);
  return { body, filename: catalogueFileName(name, day) };
}

interface TicketData {
  /** Stored file. */
  k: string;
  /** Uploader. */
  u: number;
  f: CatalogueFormat;
  /** Original file name, for the page and the audit entry. */
  n: string;
  /** Issued at (ms). */
  t: number;
}

export interface CatalogueTicket {
  storageKey: string;
  format: CatalogueFormat;
  filename: string;
}

function sign(payload: string): string {
  return crypto.createHmac('sha256', getSecret('session')).update(`catalogue-import\u0000${payload}`).digest('base64url');
}

/**
 * Checks what an uploaded sheet is (a CSV or an XLSX, named as what it is) and issues its ticket;
 * a file of any other kind is deleted and its problem (an import.error.* code) returned.
 */
export function ticketForUpload(upload: StoredUpload, user: { id: number }, now = new Date()): { ok: true; ticket: string } | { ok: false; code: string; params: Record<string, string | number> } {
  const detected = detectTableFormat(upload.originalFilename, readUploadHead(upload.storageKey));
  if (!detected.ok || (detected.format !== 'csv' && detected.format !== 'xlsx')) {
    deleteUpload(upload.storageKey);
    // A workbook saved as .xls, a mislabelled or empty file: the readers' own words; any other kind: ours.
    if (!detected.ok && detected.code !== 'unsupportedType') return { ok: false, code: detected.code, params: detected.params };
    return { ok: false, code: 'unsupported', params: {} };
  }
  const data: TicketData = { k: upload.storageKey, u: user.id, f: detected.format, n: upload.originalFilename.slice(0, 200), t: now.getTime() };
  const payload = Buffer.from(JSON.stringify(data)).toString('base64url');
  return { ok: true, ticket: `${payload}.${sign(payload)}` };
}

/** The sheet a ticket names, if the ticket is genuine, this user's, not expired, and the file still there. */
export function readTicket(ticket: string | null | undefined, user: { id: number }, now = new Date()): CatalogueTicket | null {
  if (!ticket || ticket.length > 2000) return null;
  const [payload = '', signature = ''] = ticket.split('.');
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  let data: TicketData;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TicketData;
  } catch {
    return null;
  }
  if (data.u !== user.id || !(now.getTime() - data.t < TICKET_TTL_MS) || (data.f !== 'csv' && data.f !== 'xlsx')) return null;
  if (!/^[a-f0-9]{32}$/.test(data.k) || !uploadExists(data.k)) return null;
  return { storageKey: data.k, format: data.f, filename: data.n };
}

export function discardTicket(ticket: CatalogueTicket): void {
  deleteUpload(ticket.storageKey);
}

export function previewInWorker(ticket: CatalogueTicket, user: ActingUser, windows: PreviewInput['windows']) {
  return runTask('cataloguePreview', { storageKey: ticket.storageKey, format: ticket.format, user: plainUser(user), timeZone: config().timeZone, windows });
}

/** Applies the sheet (in a worker) if it still plans to the previewed digest; the file is removed once applied. */
export async function applyInWorker(ticket: CatalogueTicket, actor: Actor<ActingUser>, digest: string): Promise<ApplyOutcome> {
  const outcome = await runTask('catalogueApply', {
    storageKey: ticket.storageKey,
    format: ticket.format,
    filename: ticket.filename,
    digest,
    user: plainUser(actor.user),
    ip: actor.ip,
    via: actor.via,
    timeZone: config().timeZone,
  });
  if (outcome.ok) discardTicket(ticket);
  return outcome;
}

/** Only what crosses into the thread: the session user carries more (and Dates). */
function plainUser(user: ActingUser): ActingUser {
  return { id: user.id, role: user.role, departmentId: user.departmentId };
}
