import { describe, expect, it } from 'vitest';
import { fqInstant, parseFq } from './ckan-fq';

const FIELDS = ['organization', 'tags', 'res_format', 'metadata_modified', 'name', 'access_level'];

describe('CKAN fq', () => {
  it('reads single clauses, quoted values and adjacency as AND', () => {
    expect(parseFq('', FIELDS)).toEqual({ ok: true, node: null });
    expect(parseFq('organization:transport', FIELDS)).toEqual({ ok: true, node: { kind: 'term', field: 'organization', value: 'transport' } });
    expect(parseFq('tags:"公共 交通" res_format:CSV', FIELDS)).toEqual({
      ok: true,
      node: { kind: 'and', children: [{ kind: 'term', field: 'tags', value: '公共 交通' }, { kind: 'term', field: 'res_format', value: 'CSV' }] },
    });
  });

  it('reads AND, OR, NOT, a leading minus or plus and parentheses, OR binding loosest', () => {
    const parsed = parseFq('+organization:a OR (tags:x AND NOT tags:y) -name:z', FIELDS);
    expect(parsed).toEqual({
      ok: true,
      node: {
        kind: 'or',
        children: [
          { kind: 'term', field: 'organization', value: 'a' },
          {
            kind: 'and',
            children: [
              { kind: 'and', children: [{ kind: 'term', field: 'tags', value: 'x' }, { kind: 'not', child: { kind: 'term', field: 'tags', value: 'y' } }] },
              { kind: 'not', child: { kind: 'term', field: 'name', value: 'z' } },
            ],
          },
        ],
      },
    });
  });

  it('reads ranges with * and NOW, as incremental harvesting sends them', () => {
    expect(parseFq('metadata_modified:[2026-12-01T00:00:00Z TO NOW]', FIELDS)).toEqual({ ok: true, node: { kind: 'range', field: 'metadata_modified', from: '2026-12-01T00:00:00Z', to: 'NOW' } });
    expect(parseFq('metadata_modified:[2026-12-01T00:00:00.000Z TO *]', FIELDS)).toEqual({ ok: true, node: { kind: 'range', field: 'metadata_modified', from: '2026-12-01T00:00:00.000Z', to: null } });
  });

  it('refuses unknown fields by name, bad syntax and hostile nesting', () => {
    expect(parseFq('capacity:public', FIELDS)).toEqual({ ok: false, problem: { code: 'unknownField', field: 'capacity' } });
    expect(parseFq('organization:a)', FIELDS)).toMatchObject({ ok: false, problem: { code: 'syntax' } });
    expect(parseFq('(organization:a', FIELDS)).toMatchObject({ ok: false, problem: { code: 'syntax' } });
    expect(parseFq('tags:"open', FIELDS)).toMatchObject({ ok: false, problem: { code: 'syntax' } });
    expect(parseFq("name:x'; DROP TABLE datasets; --", FIELDS)).toMatchObject({ ok: false });
    expect(parseFq(`${'('.repeat(200)}name:x${')'.repeat(200)}`, FIELDS)).toEqual({ ok: false, problem: { code: 'tooDeep' } });
    expect(parseFq(Array.from({ length: 60 }, (_, i) => `name:n${i}`).join(' OR '), FIELDS)).toEqual({ ok: false, problem: { code: 'tooDeep' } });
    expect(parseFq('just words', FIELDS)).toMatchObject({ ok: false, problem: { code: 'syntax' } });
  });
});

describe('fq date bounds', () => {
  const now = new Date('2026-12-06T18:30:45.500Z');
  it('reads ISO dates and Solr date-math', () => {
    expect(fqInstant('2026-12-01T00:00:00Z', now)?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(fqInstant('2026-12-01', now)?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(fqInstant('2026-12-01T08:15:30.123456Z', now)?.toISOString()).toBe('2026-12-01T08:15:30.123Z');
    expect(fqInstant('NOW', now)?.toISOString()).toBe(now.toISOString());
    expect(fqInstant('NOW-1DAY', now)?.toISOString()).toBe('2026-12-05T18:30:45.500Z');
    expect(fqInstant('NOW/DAY', now)?.toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(fqInstant('NOW-2MONTHS/MONTH', now)?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });
  it('refuses impossible dates', () => {
    expect(fqInstant('2026-13-01', now)).toBeUndefined();
    expect(fqInstant('2026-02-30', now)).toBeUndefined();
    expect(fqInstant('yesterday', now)).toBeUndefined();
  });
});
