import { demoTotpCode } from './demo';
/**
 * A tiny browser stand-in for integration tests: keeps cookies, sends the Origin header a browser
 * would send, and never follows redirects so tests can assert them.
 */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  location: string | null;
  setCookies: string[];
}

let clients = 0;

export class HttpClient {
  readonly cookies = new Map<string, string>();
  /** Each client is its own visitor (the test server trusts X-Forwarded-For from loopback). */
  readonly ip: string;

  constructor(
    readonly baseUrl: string,
    private readonly defaults: Record<string, string> = {},
  ) {
    clients += 1;
    this.ip = `10.${(process.pid >> 8) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(setCookies: string[]) {
    for (const header of setCookies) {
      const [pair = ''] = header.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = /max-age=0/i.test(header) || /expires=Thu, 01 Jan 1970/i.test(header);
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'X-Forwarded-For': this.ip, ...this.defaults, ...(init.headers as Record<string, string> | undefined) };
    const cookie = this.cookieHeader();
    if (cookie) headers.Cookie = cookie;
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    this.remember(setCookies);
    return {
      status: response.status,
      headers: response.headers,
      // Keep a byte-order mark: whether a download starts with one is something tests check.
      body: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()),
      location: response.headers.get('location'),
      setCookies,
    };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  /** Submits a form the way a browser does (urlencoded, same-origin Origin header). */
  post(path: string, fields: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}) {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(this.baseUrl).origin, ...headers },
    });
  }

  /** Signs in; for accounts with a second factor, answers it with the demo authenticator's code. */
  async signIn(email: string, password: string): Promise<HttpResponse> {
    const response = await this.post('/login', { email, password });
    if (response.status !== 302) throw new Error(`sign-in as ${email} failed with ${response.status}`);
    if (!response.location?.startsWith('/login/two-factor')) return response;
    const second = await this.post(response.location, { code: demoTotpCode() });
    if (second.status !== 302) throw new Error(`second factor for ${email} failed with ${second.status}`);
    return second;
  }
}

/** Text content of the page, without tags, for asserting what a reader sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    // React separates adjacent text nodes with empty comments; they are not visible gaps.
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

export function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  if (!tag) return undefined;
  return /value="([^"]*)"/.exec(tag)?.[1];
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The fields a browser would send from the form with this id, as the server rendered it: inputs
 * (checkboxes and radios only when checked), textareas and the selected options.
 */
export function formFields(html: string, formId: string): URLSearchParams {
  const start = html.indexOf(`id="${formId}"`);
  if (start < 0) throw new Error(`no form #${formId}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields = new URLSearchParams();
  const attribute = (tag: string, name: string) => {
    const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    return value === undefined ? undefined : unescapeHtml(value);
  };
  for (const match of form.matchAll(/<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/g)) {
    const tag = match[0];
    const name = attribute(tag, 'name');
    if (!name) continue;
    if (tag.startsWith('<input')) {
      const type = attribute(tag, 'type') ?? 'text';
      if (['submit', 'button', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked(=""|\s|>|\/)/.test(tag)) continue;
      fields.append(name, attribute(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''));
    } else if (tag.startsWith('<textarea')) {
      fields.append(name, unescapeHtml(match[1] ?? '').replace(/^\n/, ''));
    } else {
      for (const option of (match[2] ?? '').matchAll(/<option\b[^>]*>/g)) {
        if (/\sselected(=""|\s|>)/.test(option[0])) fields.append(name, attribute(option[0], 'value') ?? '');
      }
    }
  }
  return fields;
}
