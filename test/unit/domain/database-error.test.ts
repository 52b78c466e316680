import { describe, expect, it } from 'vitest';
import { postgresMessage } from '../../../domain/database-error.ts';

describe('a database error in an incident', () => {
  it("keeps PostgreSQL's message and leaves out the SQL knex put before it", () => {
    const error = new Error('select "id" from "samtycken" where "personnummer" = $1 - relation "samtycken" does not exist');
    expect(postgresMessage(error)).toBe('relation "samtycken" does not exist');
  });

  it('takes any other error as it is', () => {
    expect(postgresMessage(new Error('Connection terminated'))).toBe('Connection terminated');
    expect(postgresMessage('timeout')).toBe('timeout');
  });
});
