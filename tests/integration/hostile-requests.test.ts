/**
 * Requests meant to wear the server down: bodies far larger than a form, bodies of unknown length,
 * and addresses that differ from a page's only by a trailing slash.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PARTICIPANT } from '../helpers/demo';
import { HttpClient, visibleText } from '../helpers/http';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server.stop();
});

/**
 * Sends a request's head (and optionally a little of its body) over a raw socket and resolves
 * with what the server answers, without ever sending the rest of the announced body.
 */
function sendHead(head: string, bodyStart = ''): Promise<{ status: number; text: string; closed: boolean }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer; received so far: ${received.slice(0, 200)}`));
    }, 10_000);
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      // A complete answer: headers and a body of the announced length.
      const [headers = '', ...rest] = received.split('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(headers)?.[1];
      if (length !== undefined && Buffer.byteLength(rest.join('\r\n\r\n')) >= Number(length)) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    let done = false;
    function finish(closed: boolean) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, text: received, closed });
    }
    socket.write(`${head}\r\n\r\n${bodyStart}`);
  });
}

const host = () => new URL(server.url).host;

describe('request bodies', () => {
  it('refuses a 150 MB sign-in before reading it, with a translated page, and keeps serving', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        sendHead(`POST /login HTTP/1.1\r\nHost: ${host()}\r\nOrigin: ${server.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${150 * 1024 * 1024}`, 'email=a%40b.c&password='),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(413);
      expect(answer.text).toContain('提交的内容太大');
    }
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
  });

  it('allows a sign-in form its few kilobytes but not a form-sized body, and English on request', async () => {
    const form = new URLSearchParams({ email: 'nobody@example.com', password: 'x'.repeat(64 * 1024) });
    const response = await fetch(`${server.url}/login`, { method: 'POST', body: form, headers: { Origin: server.url, 'Accept-Language': 'en' }, redirect: 'manual' });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('What you sent is too large');

    const normal = await fetch(`${server.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'nobody@example.com', password: 'wrong-password' }),
      headers: { Origin: server.url },
      redirect: 'manual',
    });
    expect(normal.status).toBe(200);
    expect(await normal.text()).toContain('邮箱或密码不正确');
  });

  it('refuses a body of unknown length except where files are uploaded', async () => {
    const chunked = await sendHead(`POST /register HTTP/1.1\r\nHost: ${host()}\r\nOrigin: ${server.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked`, '5\r\nemail\r\n');
    expect(chunked.status).toBe(411);
    expect(chunked.text).toContain('Content-Length');
    // Over a megabyte to an ordinary form route: refused.
    const big = await sendHead(`POST /requests/new HTTP/1.1\r\nHost: ${host()}\r\nOrigin: ${server.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${2 * 1024 * 1024}`);
    expect(big.status).toBe(413);
  });
});

describe('file names', () => {
  it('answers an attachment whose name has ; or " with a translated error, not a server error', async () => {
    const citizen = new HttpClient(server.url);
    await citizen.signIn(PARTICIPANT, DEMO_PASSWORD);
    const entryId = Number(/href="\/entries\/(\d+)"/.exec((await citizen.get('/me')).body)?.[1]);
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), '方案;第二版 "定稿".pdf');
    const answer = await citizen.request(`/entries/${entryId}/attachments`, { method: 'POST', body: form, headers: { Origin: server.url } });
    expect(answer.status).toBe(303);
    expect(answer.location).toContain('badName');
    const page = await citizen.get(answer.location ?? '');
    expect(visibleText(page.body)).toContain('文件名里有上传无法携带的字符');
  });
});

describe('addresses', () => {
  it('redirects a trailing slash once to the canonical page, keeping the query', async () => {
    const response = await fetch(`${server.url}/login/?redirectTo=%2Fme`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/login?redirectTo=%2Fme');
    const followed = await fetch(`${server.url}/login/?redirectTo=%2Fme`);
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${server.url}/login?redirectTo=%2Fme`);
  });

  it('serves a request without a Host (HTTP/1.0, or a proxy that drops it) and one with a garbled Host', async () => {
    const noHost = await sendHead('GET /challenges HTTP/1.0');
    expect(noHost.status).toBe(200);
    const garbled = await sendHead('GET /challenges HTTP/1.1\r\nHost: a b c\r\nConnection: close');
    expect([200, 400]).toContain(garbled.status);
  });

  it('never redirects to another host', async () => {
    const answer = await sendHead(`GET //evil.example/ HTTP/1.1\r\nHost: ${host()}`);
    expect(answer.status).toBe(301);
    expect(/location: (.*)/i.exec(answer.text)?.[1]?.trim()).toBe('/evil.example');
  });
});
