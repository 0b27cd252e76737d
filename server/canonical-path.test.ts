import { describe, expect, it } from 'vitest';
import { canonicalPath } from './canonical-path';

describe('canonical paths', () => {
  it('drops trailing slashes and leaves canonical paths alone', () => {
    expect(canonicalPath('/login/')).toBe('/login');
    expect(canonicalPath('/datasets/bus-stops///')).toBe('/datasets/bus-stops');
    expect(canonicalPath('/login')).toBeNull();
    expect(canonicalPath('/')).toBeNull();
  });

  it('never turns a path into an address on another host', () => {
    expect(canonicalPath('//evil.example/')).toBe('/evil.example');
    expect(canonicalPath('///evil.example//')).toBe('/evil.example');
    expect(canonicalPath('//')).toBe('/');
  });
});
