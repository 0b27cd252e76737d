/**
 * remix-auth with the form strategy. remix-auth v4 only verifies credentials; the session is ours
 * (see session.server.ts).
 */
import { Authenticator } from 'remix-auth';
import { FormStrategy } from 'remix-auth-form';
import { type SessionUser } from '~/models/users.server';
import { verifyLogin } from './accounts.server';

export class InvalidCredentialsError extends Error {
  constructor() {
    super('invalid credentials');
    this.name = 'InvalidCredentialsError';
  }
}

export const authenticator = new Authenticator<SessionUser>();

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const email = form.get('email');
    const password = form.get('password');
    if (typeof email !== 'string' || typeof password !== 'string') throw new InvalidCredentialsError();
    const user = await verifyLogin(email, password);
    if (!user) throw new InvalidCredentialsError();
    return user;
  }),
  'form',
);
