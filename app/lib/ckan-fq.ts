/**
 * CKAN's `fq` (a Solr filter query) as clients send it: `field:value`, quoted values, ranges
 * `[A TO B]` with `*` and `NOW`, `AND` / `OR` / `NOT`, a leading `-` or `+`, parentheses.
 * Adjacent clauses are joined by AND, as CKAN's Solr schema does (defaultOperator="AND").
 * Pure: the model turns the tree into SQL over the fields it knows; an unknown field is an
 * error naming it, never silently ignored.
 */

export type FqNode =
  | { kind: 'term'; field: string; value: string }
  | { kind: 'range'; field: string; from: string | null; to: string | null }
  | { kind: 'and' | 'or'; children: FqNode[] }
  | { kind: 'not'; child: FqNode };

export type FqProblem = { code: 'syntax'; at: number } | { code: 'unknownField'; field: string } | { code: 'tooDeep' } | { code: 'badValue'; field: string; value: string };

/** Deeper nesting than this is refused (a guard against stack-exhausting input). */
export const MAX_FQ_DEPTH = 8;
/** More clauses than this is refused. */
export const MAX_FQ_TERMS = 50;

type Token = { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'plus' } | { type: 'clause'; field: string; raw: string; quoted: boolean; range: [string, string] | null };

class FqSyntaxError extends Error {
  constructor(readonly problem: FqProblem) {
    super(problem.code);
  }
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (at: number): never => {
    throw new FqSyntaxError({ code: 'syntax', at });
  };
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(') {
      tokens.push({ type: 'lparen' });
      i += 1;
    } else if (c === ')') {
      tokens.push({ type: 'rparen' });
      i += 1;
    } else if ((c === '-' || c === '+') && /[\w("]/.test(input[i + 1] ?? '')) {
      tokens.push({ type: c === '-' ? 'minus' : 'plus' });
      i += 1;
    } else if (c === '&' && input[i + 1] === '&') {
      tokens.push({ type: 'and' });
      i += 2;
    } else if (c === '|' && input[i + 1] === '|') {
      tokens.push({ type: 'or' });
      i += 2;
    } else {
      const word = /^[A-Za-z_][\w.]*/.exec(input.slice(i))?.[0];
      if (!word) return fail(i);
      if (input[i + word.length] !== ':') {
        if (word === 'AND') tokens.push({ type: 'and' });
        else if (word === 'OR') tokens.push({ type: 'or' });
        else if (word === 'NOT') tokens.push({ type: 'not' });
        else return fail(i);
        i += word.length;
        continue;
      }
      i += word.length + 1;
      const rest = input.slice(i);
      if (rest.startsWith('"')) {
        const end = rest.indexOf('"', 1);
        if (end < 0) return fail(i);
        tokens.push({ type: 'clause', field: word, raw: rest.slice(1, end), quoted: true, range: null });
        i += end + 1;
      } else if (rest.startsWith('[') || rest.startsWith('{')) {
        const match = /^[[{]\s*(\S+)\s+TO\s+(\S+?)\s*[\]}]/.exec(rest);
        if (!match) return fail(i);
        tokens.push({ type: 'clause', field: word, raw: match[0], quoted: false, range: [match[1] as string, match[2] as string] });
        i += match[0].length;
      } else {
        const value = /^[^\s()]+/.exec(rest)?.[0];
        if (!value) return fail(i);
        tokens.push({ type: 'clause', field: word, raw: value, quoted: false, range: null });
        i += value.length;
      }
    }
  }
  return tokens;
}

/** Parses `fq`; `fields` are the names the caller can filter on. An empty string is null (no filter). */
export function parseFq(input: string, fields: readonly string[]): { ok: true; node: FqNode | null } | { ok: false; problem: FqProblem } {
  try {
    const tokens = tokenize(input);
    if (tokens.length === 0) return { ok: true, node: null };
    let position = 0;
    let terms = 0;
    const peek = () => tokens[position];
    const fail = (): never => {
      throw new FqSyntaxError({ code: 'syntax', at: position });
    };

    const primary = (depth: number): FqNode => {
      if (depth > MAX_FQ_DEPTH) throw new FqSyntaxError({ code: 'tooDeep' });
      const token = tokens[position];
      if (!token) return fail();
      position += 1;
      if (token.type === 'lparen') {
        const node = disjunction(depth + 1);
        if (tokens[position]?.type !== 'rparen') return fail();
        position += 1;
        return node;
      }
      if (token.type === 'not' || token.type === 'minus') return { kind: 'not', child: primary(depth + 1) };
      if (token.type === 'plus') return primary(depth + 1);
      if (token.type !== 'clause') return fail();
      terms += 1;
      if (terms > MAX_FQ_TERMS) throw new FqSyntaxError({ code: 'tooDeep' });
      if (!fields.includes(token.field)) throw new FqSyntaxError({ code: 'unknownField', field: token.field });
      if (token.range) {
        const [from, to] = token.range;
        return { kind: 'range', field: token.field, from: from === '*' ? null : from, to: to === '*' ? null : to };
      }
      return { kind: 'term', field: token.field, value: token.raw };
    };

    const conjunction = (depth: number): FqNode => {
      const children = [primary(depth)];
      for (;;) {
        const next = peek();
        if (!next || next.type === 'rparen' || next.type === 'or') break;
        if (next.type === 'and') position += 1;
        children.push(primary(depth));
      }
      return children.length === 1 ? (children[0] as FqNode) : { kind: 'and', children };
    };

    const disjunction = (depth: number): FqNode => {
      const children = [conjunction(depth)];
      while (peek()?.type === 'or') {
        position += 1;
        children.push(conjunction(depth));
      }
      return children.length === 1 ? (children[0] as FqNode) : { kind: 'or', children };
    };

    const node = disjunction(0);
    if (position !== tokens.length) return fail();
    return { ok: true, node };
  } catch (error) {
    if (error instanceof FqSyntaxError) return { ok: false, problem: error.problem };
    throw error;
  }
}

/**
 * A range bound as an instant: an ISO date or date-time (Z assumed), `NOW`, or `NOW-<n><unit>` /
 * `NOW/DAY` in Solr's date-math (DAY, HOUR, MINUTE, MONTH, YEAR). Undefined when it is none of these.
 */
export function fqInstant(value: string, now: Date): Date | undefined {
  const math = /^NOW(?:([+-])(\d{1,6})(YEARS?|MONTHS?|DAYS?|HOURS?|MINUTES?))?(?:\/(DAY|HOUR|MONTH|YEAR))?$/.exec(value);
  if (math) {
    const date = new Date(now);
    if (math[1] && math[2] && math[3]) {
      const amount = Number(math[2]) * (math[1] === '-' ? -1 : 1);
      const unit = math[3].replace(/S$/, '');
      if (unit === 'YEAR') date.setUTCFullYear(date.getUTCFullYear() + amount);
      else if (unit === 'MONTH') date.setUTCMonth(date.getUTCMonth() + amount);
      else date.setTime(date.getTime() + amount * { DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000 }[unit as 'DAY' | 'HOUR' | 'MINUTE']);
    }
    if (math[4] === 'HOUR') date.setUTCMinutes(0, 0, 0);
    if (math[4] === 'MONTH') date.setUTCDate(1);
    if (math[4] === 'YEAR') date.setUTCMonth(0, 1);
    if (math[4] === 'DAY' || math[4] === 'MONTH' || math[4] === 'YEAR') date.setUTCHours(0, 0, 0, 0);
    return date;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?Z?$/.exec(value);
  if (!iso) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0'] = iso;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(Number(`0.${frac}`) * 1000)));
  // Refuse dates that roll over (month 13, day 32).
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return date;
}
