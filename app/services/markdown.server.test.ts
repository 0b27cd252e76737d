import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.server';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('## 背景\n\n- **一** 项\n- [链接](https://example.org)');
    expect(html).toContain('<h2>背景</h2>');
    expect(html).toContain('<strong>一</strong>');
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('rel="nofollow ugc noopener noreferrer"');
  });

  it('strips scripts, event handlers, javascript: links and raw HTML tricks', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a><iframe src="https://evil"></iframe><p style="position:fixed" onclick="x()">z</p>\n\n[y](javascript:alert(4)) [w](data:text/html,hi)',
    );
    expect(html).not.toMatch(/<script|onerror|onclick|href="(javascript|data):|<iframe|<img|style=/i);
    expect(html).toContain('z');
  });

  it('does not let a link escape its attribute', () => {
    const html = renderMarkdown('[a](https://example.org/"onmouseover="alert(1))');
    expect(html).not.toMatch(/onmouseover="/);
  });
});

describe('images', () => {
  it('keeps images from our own attachments and drops every other source, https included', () => {
    const html = renderMarkdown('![图](/entries/12/attachments/3) ![x](https://tracker.example/p.gif) ![y](//cdn.example/a.png) ![z](/admin/audit)');
    expect(html).toContain('<img src="/entries/12/attachments/3" alt="图" loading="lazy" />');
    expect(html).not.toContain('tracker.example');
    expect(html).not.toContain('cdn.example');
    expect(html).not.toContain('/admin/audit');
  });
});
