/**
 * A LIKE pattern that finds `value` anywhere, with its own `%`, `_` and `\` taken literally (use
 * with `ESCAPE '\'`), so a search for "50%" finds "50%" and not everything.
 */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
