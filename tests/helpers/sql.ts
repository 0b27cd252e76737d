/**
 * SQL written by hand in tests, on whichever engine the run uses (`npm test`: SQLite,
 * `npm run test:pg`: PostgreSQL). Queries use drizzle's `sql` template, so values are bound.
 */
import { sql, type SQL } from 'drizzle-orm';
import { runStatement, selectRows } from '../../app/models/rows.server';

/** Runs a statement that answers no rows (UPDATE, DELETE, DDL); fails with the database's own error. */
export async function runSql(query: SQL): Promise<void> {
  try {
    await runStatement(query);
  } catch (error) {
    // drizzle wraps the database's error ("Failed query: …") with the database's message as its cause.
    throw (error as { cause?: unknown }).cause ?? error;
  }
}

export { selectRows as sqlRows };

/** A statement written with `?` placeholders and its values, as drizzle SQL (bound on either engine). */
export function statement(text: string, ...params: unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error(`${parts.length - 1} placeholders for ${params.length} values: ${text}`);
  return sql.join(
    parts.map((part, i) => (i === 0 ? sql.raw(part) : sql`${params[i - 1]}${sql.raw(part)}`)),
    sql``,
  );
}
