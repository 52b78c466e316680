import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Browser sessions in PostgreSQL (table sessioner). The cookie carries a
 * random 256-bit token; the table keeps only its SHA-256, so reading the table
 * does not give anyone a session. Each session has its own CSRF token
 * (synchronizer token pattern). Expiry slides with use.
 */
export interface Session {
  anvandare: string;
  grupper: string[];
  csrf: string;
}

export const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class Sessioner {
  constructor(
    private readonly db: Knex,
    private readonly minuter: number,
  ) {}

  async skapa(anvandare: string, grupper: string[]): Promise<{ token: string; csrf: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    await this.db('sessioner').insert({ id: hash(token), anvandare, grupper, csrf, utgar: this.utgar() });
    // Expired sessions go now and then; nobody needs them kept.
    if (Math.random() < 0.05) await this.db('sessioner').where('utgar', '<', new Date()).delete();
    return { token, csrf };
  }

  async hamta(token: string): Promise<Session | undefined> {
    const row = await this.db('sessioner')
      .where({ id: hash(token) })
      .andWhere('utgar', '>', new Date())
      .first<{ anvandare: string; grupper: string[]; csrf: string; utgar: Date } | undefined>();
    if (!row) return undefined;
    // Slides the expiry, at most once a minute per session.
    if (row.utgar.getTime() - Date.now() < this.minuter * 60_000 - 60_000) {
      await this.db('sessioner')
        .where({ id: hash(token) })
        .update({ utgar: this.utgar() });
    }
    return { anvandare: row.anvandare, grupper: row.grupper, csrf: row.csrf };
  }

  async radera(token: string): Promise<void> {
    await this.db('sessioner')
      .where({ id: hash(token) })
      .delete();
  }

  private utgar(): Date {
    return new Date(Date.now() + this.minuter * 60_000);
  }
}
