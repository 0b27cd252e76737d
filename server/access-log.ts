/**
 * One log line per request (method, path without its query, status, duration, user id, request
 * id) and its duration in the metrics. The request id comes from a trusted proxy's X-Request-Id
 * when it looks like one, else is made here, and is sent back so a visitor's report can be found.
 * Query strings are left out of the log: they can carry tokens (unsubscribe, password reset).
 */
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { log } from '../app/log.server';
import { metrics } from '../app/services/metrics.server';
import { runWithRequestContext, type RequestContext } from '../app/request-context.server';
import { routeLabel } from './route-label';

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function accessLog() {
  const { httpDuration } = metrics();
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const context: RequestContext = { requestId: incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID() };
    res.setHeader('X-Request-Id', context.requestId);
    const started = process.hrtime.bigint();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // A response cut short by the client is logged as such, not as an error.
      const status = res.writableFinished ? res.statusCode : 499;
      httpDuration.observe({ method: req.method, route: routeLabel(req.path, res.statusCode), status: `${Math.floor(status / 100)}xx` }, seconds);
      log.info({ reqId: context.requestId, method: req.method, path: req.path, status, ms: Math.round(seconds * 10_000) / 10, userId: context.userId }, 'request');
    };
    res.once('finish', done);
    res.once('close', done);
    runWithRequestContext(context, () => next());
  };
}
