/**
 * What a search box query becomes. The trigram index needs at least three characters per term;
 * queries with a shorter term (两个字 like 公交 or 养老) go to the character index instead, where
 * every character is a token and a term is a phrase of its characters. Everything the person
 * typed is a literal: FTS5 syntax characters are quoted away, and LIKE patterns confirm each term
 * as a substring.
 */
export const SEARCH_MAX_LENGTH = 100;

export const SEARCH_KINDS = ['challenge', 'dataset', 'request', 'entry', 'comment'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchHit {
  kind: SearchKind;
  id: number;
  title: string;
  /** With MARK_START/MARK_END around the matches. */
  snippet: string;
  href: string;
  /** For entries: the challenge they belong to. */
  context: string | null;
}
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export type SearchPlan =
  | { kind: 'empty' }
  | { kind: 'match'; expression: string; terms: string[] }
  /** `expression` for the character index; every pattern must also match (LIKE) the document. */
  | { kind: 'short'; expression: string | null; patterns: string[]; terms: string[] };

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

export function planSearch(raw: string): SearchPlan {
  const query = raw.replace(/[\u0000-\u001f]/g, ' ').trim().slice(0, SEARCH_MAX_LENGTH);
  if (query === '') return { kind: 'empty' };
  const terms = query.split(/\s+/).filter(Boolean);
  if (terms.some((t) => [...t].length < 3)) {
    // % and _ typed by the person are literals.
    const patterns = terms.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    // Characters the tokenizer keeps (letters, digits, ideographs); a term of punctuation alone
    // cannot be looked up and is left to its LIKE pattern.
    const phrases = terms.map((t) => [...t].filter((c) => /[\p{L}\p{N}]/u.test(c))).filter((chars) => chars.length > 0);
    return { kind: 'short', expression: phrases.length ? phrases.map((chars) => quote(chars.join(' '))).join(' AND ') : null, patterns, terms };
  }
  return { kind: 'match', expression: terms.map(quote).join(' AND '), terms };
}

/** A document as the character index holds it: every character a token of its own. */
export function characterTokens(text: string): string {
  return Array.from(text).join(' ');
}

/** Splits a snippet with markers into plain and highlighted parts, for rendering without HTML. */
export function highlightParts(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  let hit = false;
  let current = '';
  for (const char of snippet) {
    if (char === MARK_START || char === MARK_END) {
      if (current) parts.push({ text: current, hit });
      current = '';
      hit = char === MARK_START;
    } else current += char;
  }
  if (current) parts.push({ text: current, hit });
  return parts;
}

/** A snippet around the first occurrence, for substring (LIKE) matches, marked like FTS5's. */
export function likeSnippet(text: string, query: string, radius = 40): string | null {
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return null;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + query.length + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, at)}${MARK_START}${text.slice(at, at + query.length)}${MARK_END}${text.slice(at + query.length, end)}${end < text.length ? '…' : ''}`;
}
