import { EngineRest } from '../../engine-rest/client.ts';

/**
 * The engine for a topic that a test or a benchmark runs in-process and that
 * never asks one (the consent, letter and register topics): every call fails at
 * once and names itself, so a test that reaches the engine after all says so
 * instead of waiting on the network.
 */
class NoEngine extends EngineRest {
  constructor() {
    super('http://no-engine.invalid/engine-rest', { user: 'test', password: 'test' });
  }

  override get<T>(path: string): Promise<T> {
    return refuse('GET', path);
  }

  override post<T>(path: string): Promise<T> {
    return refuse('POST', path);
  }

  override put<T>(path: string): Promise<T> {
    return refuse('PUT', path);
  }

  override delete<T>(path: string): Promise<T> {
    return refuse('DELETE', path);
  }

  override postMultipart<T>(path: string): Promise<T> {
    return refuse('POST', path);
  }
}

function refuse<T>(method: string, path: string): Promise<T> {
  return Promise.reject(new Error(`No engine in this test: ${method} ${path}`));
}

export function noEngine(): EngineRest {
  return new NoEngine();
}
