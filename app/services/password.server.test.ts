import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password.server';

describe('password hashing', () => {
  it('verifies the right password and rejects others, with a fresh salt each time', async () => {
    const hash = await hashPassword('a long memorable sentence');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('a long memorable sentence', hash)).toBe(true);
    expect(await verifyPassword('a long memorable sentencE', hash)).toBe(false);
    expect(await hashPassword('a long memorable sentence')).not.toBe(hash);
    expect(needsRehash(hash)).toBe(false);
  });

  it('treats differently composed Unicode as the same password', async () => {
    const hash = await hashPassword('café au lait, s’il vous plaît');
    expect(await verifyPassword('cafe\u0301 au lait, s’il vous plaît', hash)).toBe(true);
  });

  it('rejects malformed hashes and asks to upgrade weaker parameters', async () => {
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(needsRehash('scrypt$16384$8$1$c2FsdA==$a2V5')).toBe(true);
  });
});
