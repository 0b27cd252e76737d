/**
 * The rules of the discussion that do not need the database: lengths, the edit window, and the
 * simple spam defences (links from new accounts, the same text posted again).
 */
export const COMMENT_MAX_LENGTH = 5000;
/** Long enough to fix a typo, short enough that a reply never answers a different text. */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60_000;
/** Accounts younger than this may post only a few links per comment. */
export const NEW_ACCOUNT_MS = 7 * 24 * 60 * 60_000;
export const NEW_ACCOUNT_MAX_LINKS = 2;
/** The same person posting the same text again within this time is refused. */
export const REPEAT_WINDOW_MS = 24 * 60 * 60_000;
/** Reports from this many different people hide a comment until a moderator looks at it. */
export const AUTO_HIDE_REPORTS = 3;
export const HIDE_REASON_MAX_LENGTH = 300;
export const REPORT_NOTE_MAX_LENGTH = 500;

/**
 * Links in a comment as it will be shown: counted in the rendered, sanitised HTML, so every way of
 * writing one (bare URL, www., Markdown, HTML, entity tricks) counts exactly as it would work.
 */
export function countRenderedLinks(html: string): number {
  return (html.match(/<a\s/gi) ?? []).length;
}

/** The text as compared for repeats: case, spacing and punctuation-only differences do not make it new. */
export function repeatKey(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function withinEditWindow(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() <= COMMENT_EDIT_WINDOW_MS;
}

export function isNewAccount(accountCreatedAt: Date, now: Date): boolean {
  return now.getTime() - accountCreatedAt.getTime() < NEW_ACCOUNT_MS;
}

export type CommentBodyProblem = 'required' | 'tooLong' | 'tooManyLinks';

/** What is wrong with a comment's text for this author, if anything (repeats need the database). */
export function commentBodyProblem(body: string, linkCount: number, author: { createdAt: Date }, now: Date): CommentBodyProblem | null {
  const text = body.trim();
  if (text === '') return 'required';
  if (text.length > COMMENT_MAX_LENGTH) return 'tooLong';
  if (isNewAccount(author.createdAt, now) && linkCount > NEW_ACCOUNT_MAX_LINKS) return 'tooManyLinks';
  return null;
}

/** The question an answer is pinned under: the parent comment as one plain line. */
export function faqQuestionFrom(markdown: string, max = 200): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/**
 * The address of a comment: its page with the comment to open (the discussion is paged, so the
 * loader picks the page that holds it) and its anchor.
 */
export function commentPermalink(pageHref: string, commentId: number): string {
  return `${pageHref}?comment=${commentId}#comment-${commentId}`;
}
