import { DataFactory, Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { serialise } from './serialise.server';

const { namedNode, blankNode, literal, quad } = DataFactory;
const ex = (name: string) => namedNode(`http://example.org/${name}`);

describe('Turtle', () => {
  it('writes a blank node used once in place, keeping every quad', async () => {
    const period = blankNode('p');
    const quads = [quad(ex('d'), ex('temporal'), period), quad(period, ex('start'), literal('2025-01-01')), quad(period, ex('end'), literal('2025-12-31'))];
    const text = await serialise(quads, 'ttl', 'dcat:Dataset');
    expect(text).not.toContain('_:');
    expect(new Parser().parse(text)).toHaveLength(3);
  });

  it('falls back to labelled blank nodes when they only point at each other', async () => {
    const a = blankNode('a');
    const b = blankNode('b');
    const quads = [quad(a, ex('next'), b), quad(b, ex('next'), a), quad(ex('d'), ex('name'), literal('x'))];
    const text = await serialise(quads, 'ttl', 'dcat:Dataset');
    expect(new Parser().parse(text)).toHaveLength(3);
  });
});
