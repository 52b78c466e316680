/**
 * The part of a database error an incident needs: knex puts the SQL text
 * (placeholders, no values) before PostgreSQL's own message; this is only
 * PostgreSQL's part.
 */
export function postgresMessage(error: unknown): string {
  return error instanceof Error ? (error.message.split(' - ').pop() ?? error.message) : String(error);
}
