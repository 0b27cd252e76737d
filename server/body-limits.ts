/**
 * Request bodies are refused by their announced size before a byte of them is read: an anonymous
 * 150 MB POST to /login must not be buffered (twelve at once once took 2.4 GB). Sign-in forms take
 * a few kilobytes, other forms and JSON a megabyte, and only the routes that receive files take
 * MAX_UPLOAD_MB (they also count the bytes as they stream, see app/services/uploads.server.ts).
 * Browsers always announce a form's length; a chunked body of unknown length is accepted only where
 * files are uploaded, since everywhere else it could only be a way around the limit.
 */
import type { NextFunction, Request, Response } from 'express';
import { errorPageResponse } from '../app/services/error-page.server';
import { maxUploadBytes } from '../app/services/uploads.server';

/** Sign-in, registration and the password and two-factor forms: an e-mail, a password, a code. */
export const SIGN_IN_BODY_BYTES = 16 * 1024;
/** Every other form and JSON body (the longest is an entry's text, far below this). */
export const FORM_BODY_BYTES = 1024 * 1024;
/** Multipart framing and the other fields of an upload form, on top of the file itself. */
const UPLOAD_FORM_OVERHEAD_BYTES = 1024 * 1024;

const SIGN_IN_PATH = /^\/(login|login\/two-factor|register|forgot-password|reset-password|verify-email|account\/two-factor)\/?$/;
const UPLOAD_PATH = /^\/(api\/(3\/)?action\/[a-z_]+|manage\/datasets\/[^/]+\/upload|manage\/catalogue|entries\/\d+\/attachments)\/?$/;

export type BodyRule = { maxBytes: number; chunked: boolean };

/** How large a body a path may receive, and whether it may come without a length. */
export function bodyRuleFor(requestPath: string): BodyRule {
  // With JavaScript, Remix posts a form to the same path with `.data` appended (single fetch).
  const path = requestPath.replace(/\.data$/, '');
  if (UPLOAD_PATH.test(path)) return { maxBytes: maxUploadBytes() + UPLOAD_FORM_OVERHEAD_BYTES, chunked: true };
  if (SIGN_IN_PATH.test(path)) return { maxBytes: SIGN_IN_BODY_BYTES, chunked: false };
  return { maxBytes: FORM_BODY_BYTES, chunked: false };
}

function fetchRequestOf(req: Request): globalThis.Request {
  const headers = new Headers();
  for (const name of ['cookie', 'accept-language']) {
    const value = req.get(name);
    if (value) headers.set(name, value);
  }
  return new globalThis.Request(`http://localhost${req.originalUrl}`, { headers });
}

async function refuse(req: Request, res: Response, status: 411 | 413): Promise<void> {
  const page = await errorPageResponse(fetchRequestOf(req), {
    status,
    title: status === 413 ? 'errors.tooLarge.title' : 'errors.lengthRequired.title',
    body: status === 413 ? 'errors.tooLarge.body' : 'errors.lengthRequired.body',
    back: { href: req.path, label: 'errors.back' },
  });
  // The body is never read: closeConnectionsWithUnreadBodies (server/security.ts) drains a small
  // one so the client gets this answer, and closes the connection after a large one.
  res.status(status);
  page.headers.forEach((value, name) => res.setHeader(name, value));
  const body = await page.text();
  res.end(body);
}

export function limitRequestBodies() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const rule = bodyRuleFor(req.path);
    const announced = req.headers['content-length'];
    if (announced === undefined) {
      if (req.headers['transfer-encoding'] !== undefined && !rule.chunked) return void refuse(req, res, 411).catch(next);
      return next();
    }
    const length = Number(announced);
    if (!Number.isSafeInteger(length) || length < 0) return void refuse(req, res, 413).catch(next);
    if (length > rule.maxBytes) return void refuse(req, res, 413).catch(next);
    next();
  };
}
