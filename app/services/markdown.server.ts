/**
 * Markdown to safe HTML. marked does not sanitize, so every render goes through sanitize-html with
 * an allow-list; links get rel="nofollow ugc noopener noreferrer" and only http(s)/mailto URLs.
 * Images only from our own uploads (entry attachments, which are access-checked): remote images,
 * even over https, would tell a third party who reads what, so they are dropped (the CSP would
 * not load them either).
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const OWN_UPLOAD = /^\/entries\/\d+\/attachments\/\d+$/;

const marked = new Marked({ gfm: true, breaks: true, async: false });

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong',
    'del', 's', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub', 'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'loading'],
    th: ['align'],
    td: ['align'],
    code: ['class'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  allowedClasses: { code: [/^language-[\w-]+$/] },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener noreferrer', target: '_blank' }),
    img: sanitizeHtml.simpleTransform('img', { loading: 'lazy' }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_UPLOAD.test(frame.attribs.src ?? ''),
};

export function renderMarkdown(source: string): string {
  const html = marked.parse(source ?? '') as string;
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}
