/**
 * The background's answers to every message, composed from one group per domain. Each handler is a
 * parser plus a function (handlers/deps.ts); the entry points built here always parse first. Tested in
 * Node against fake-indexeddb.
 */
import type { Messages, MessageType, Request, Response } from '../messaging/protocol';
import { corpusHandlers } from './handlers/corpus';
import { type HandlerDeps, type HandlerGroup, run } from './handlers/deps';
import { harvestHandlers } from './handlers/harvest';
import { libraryHandlers } from './handlers/library';
import { overlayHandlers } from './handlers/overlay';

export { BadRequest, type HandlerDeps } from './handlers/deps';

/** Every message's entry point: it parses the payload (a BadRequest when it is malformed), then answers. */
export type Handlers = { readonly [K in MessageType]: (data: Messages[K]['req']) => Promise<Response<K>> };

export function createHandlers(deps: HandlerDeps): Handlers {
  const groups: HandlerGroup<MessageType> = {
    ...overlayHandlers(deps),
    ...libraryHandlers(deps),
    ...corpusHandlers(deps),
    ...harvestHandlers(deps),
  };
  const entry =
    <K extends MessageType>(type: K) =>
    (data: unknown) =>
      run<K>(groups[type], data);
  return Object.fromEntries(
    Object.keys(groups).map((type) => [type, entry(type as MessageType)]),
  ) as unknown as Handlers;
}

/** Dispatches a request (its payload still unchecked beyond the envelope) to its handler. */
export function dispatch(handlers: Handlers, request: Request): Promise<unknown> {
  const h = handlers[request.type] as (data: unknown) => Promise<unknown>;
  return h(request.data);
}
