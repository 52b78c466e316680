import { pino, type Logger } from 'pino';

/**
 * The workers' log. It names tasks, topics, process instances and case
 * numbers only; process variables (personnummer, names, children) never go in.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'bokvar-workers' } });
}
