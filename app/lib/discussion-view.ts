/**
 * The shape of a discussion as the page shows it: built by services/discussion.server.ts, drawn
 * by components/discussion.tsx.
 */
import type { MessageKey } from './i18n';
import type { CommentTarget } from './vocabulary';

export interface CommentView {
  id: number;
  /** Null while judging is blind and the author is on the entry's team. */
  authorName: string | null;
  isOwn: boolean;
  isOfficial: boolean;
  /** Written by a member of the entry's team (an entry's discussion, once names are public). */
  isTeam: boolean;
  /** Empty for removed comments. */
  bodyHtml: string;
  /** The Markdown source, only for the author while they may still edit it. */
  source: string | null;
  createdAt: Date;
  editedAt: Date | null;
  /** removed: deleted by the author, or hidden from this viewer; shown only to keep replies in place. */
  state: 'visible' | 'hidden' | 'removed';
  hiddenReason: string | null;
  autoHidden: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canReport: boolean;
  reportedByViewer: boolean;
  canModerate: boolean;
  openReports: number;
  canReply: boolean;
  canPin: boolean;
  pinned: boolean;
  replies: CommentView[];
  /** Replies beyond those shown. */
  moreReplies: number;
}

export interface Discussion {
  targetType: CommentTarget;
  targetId: number;
  comments: CommentView[];
  /** Visible comments and replies over every page, for the heading. */
  count: number;
  /** Pages of top-level comments (THREADS_PER_PAGE each). */
  page: number;
  pages: number;
  signedIn: boolean;
  emailVerified: boolean;
}

/** A comment form's error, with what was typed, for the form it came from. */
export interface CommentFormResult {
  form: string;
  errors: Partial<Record<'body' | 'reason' | 'note', MessageKey>>;
  values: Record<string, string>;
}
