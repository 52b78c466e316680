/** Polls `ready` until it answers true, or fails naming what it waited for. */
export async function waitFor(what: string, timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Väntade förgäves på ${what} i ${Math.round(timeoutMs / 1000)} s`);
}
