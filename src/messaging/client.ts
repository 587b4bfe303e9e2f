/** Sending typed messages to the background, from content scripts and extension pages. */
import { browser } from 'wxt/browser';
import type { Messages, MessageType, Reply, Response } from './protocol';
import { withRetry } from './retry';

export class MessageError extends Error {
  override name = 'MessageError';
}

export async function send<T extends MessageType>(type: T, data: Messages[T]['req']): Promise<Response<T>> {
  // One retry when the service worker was stopped under the message (src/messaging/retry.ts).
  const reply = (await withRetry(type, () => browser.runtime.sendMessage({ type, data }), data)) as
    | Reply<T>
    | undefined;
  if (!reply) throw new MessageError(`Paperlens: no answer to ${type} (the background did not start)`);
  if (!reply.ok) throw new MessageError(`Paperlens: ${type} failed: ${reply.error}`);
  return reply.value;
}
