/**
 * The draft a challenge started from a data request begins with: the request's title, a summary
 * from its description, and a brief with the description and the purpose under two headings.
 */
export const SUMMARY_MAX = 300;
export const TITLE_MAX = 200;

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

export function draftFromRequest(
  request: { title: string; description: string; purpose: string },
  headings: { need: string; purpose: string },
): { title: string; summary: string; body: string } {
  const description = request.description.trim();
  const purpose = request.purpose.trim();
  const firstParagraph = description.split(/\n\s*\n/)[0]?.replace(/\s+/g, ' ').trim() ?? '';
  const sections = [`## ${headings.need}\n\n${description}`];
  if (purpose) sections.push(`## ${headings.purpose}\n\n${purpose}`);
  return {
    title: clip(request.title.trim(), TITLE_MAX),
    summary: clip(firstParagraph || request.title.trim(), SUMMARY_MAX),
    body: `${sections.join('\n\n')}\n`,
  };
}
