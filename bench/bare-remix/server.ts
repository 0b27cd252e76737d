/**
 * Serves the bare Remix app (built into ./build) with the stock @remix-run/express adapter and
 * compression, as the page benchmark's outer baseline. PORT=0 picks a free port; the line
 * "listening on http://localhost:<port>" tells the bench where.
 */
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';

const buildDir = path.join(import.meta.dirname, 'build');
const build = (await import(pathToFileURL(path.join(buildDir, 'server/index.js')).href)) as ServerBuild;

const app = express();
app.disable('x-powered-by');
app.use(compression());
app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y', index: false }));
app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h', index: false }));
app.all('*', createRequestHandler({ build, mode: 'production' }));

const server = http.createServer(app);
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  console.log(`bare Remix listening on http://localhost:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
