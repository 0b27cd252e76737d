/** A personal API token, made the way an official makes one: on /account/tokens, read off the page once. */
import { DEMO_PASSWORD } from './demo';
import { HttpClient } from './http';

export async function createApiToken(client: HttpClient, name = 'ckanapi'): Promise<string> {
  const page = await client.post('/account/tokens', { intent: 'create', name });
  const token = /<code[^>]*>([^<]+)<\/code>/.exec(page.body)?.[1]?.trim() ?? '';
  if (!token) throw new Error(`no token on the tokens page (status ${page.status})`);
  return token;
}

/** Signs a demo account in and makes it a token. */
export async function demoApiToken(baseUrl: string, email: string, name?: string): Promise<string> {
  const client = new HttpClient(baseUrl);
  await client.signIn(email, DEMO_PASSWORD);
  return createApiToken(client, name);
}
