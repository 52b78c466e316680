import { account, type Account } from './accountant.ts';
import { sendBurst, type Notice } from './burst.ts';
import { underrattelser } from './notices.ts';
import { NOTICE_TIMERS } from './run.ts';
import type { FaultStack } from './stack.ts';

export const NOTICE_PATH = '/api/underrattelser';

/**
 * The fault tests' common scenario: a burst of notices of threat of eviction
 * through the intake API, with one outage (kill, perhaps wait, restart) started
 * when half the notices have been answered. Returns the answers, the burst's
 * time and how long the part was away.
 */
export async function noticeBurstWithOutage(
  stack: FaultStack,
  options: { count: number; tag: string; outage: () => Promise<void> },
): Promise<{ notices: Notice[]; burstSeconds: number; downSeconds: number }> {
  let outage: Promise<void> | undefined;
  let killedAt = 0;
  let backAt = 0;
  const burst = await sendBurst({
    uiUrl: stack.uiUrl,
    path: NOTICE_PATH,
    bodies: underrattelser(options.count, options.tag),
    onAnswer: (answered) => {
      if (answered !== options.count / 2) return;
      outage = (async () => {
        killedAt = Date.now();
        await options.outage();
        backAt = Date.now();
      })();
    },
  });
  await outage;
  return { notices: burst.notices, burstSeconds: burst.seconds, downSeconds: (backAt - killedAt) / 1000 };
}

/** Accounts for every notice of a burst of threats of eviction: one case, its first user task, its timers. */
export function accountNotices(stack: FaultStack, notices: Notice[]): Promise<Account> {
  return account({
    admin: stack.admin,
    databaseUrl: stack.databaseUrl,
    notices,
    processKey: 'hot-om-avhysning',
    tokenVariable: 'beskrivning',
    timerVariables: NOTICE_TIMERS,
  });
}
