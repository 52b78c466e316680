import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless, as root and without reaching out to Google's
 * services (this machine's network refuses them, many at a time).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.BOKVAR_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
