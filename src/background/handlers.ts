/**
 * The background's answers to every message, composed from one group per domain. Each handler validates
 * its payload and calls the database or engine modules. Tested in Node against fake-indexeddb.
 */
import type { Messages, MessageType, Request, Response } from '../messaging/protocol';
import { corpusHandlers } from './handlers/corpus';
import type { HandlerDeps } from './handlers/deps';
import { harvestHandlers } from './handlers/harvest';
import { libraryHandlers } from './handlers/library';
import { overlayHandlers } from './handlers/overlay';

export { BadRequest, type HandlerDeps } from './handlers/deps';

export type Handlers = { [K in MessageType]: (data: Messages[K]['req']) => Promise<Response<K>> };

export function createHandlers(deps: HandlerDeps): Handlers {
  return { ...overlayHandlers(deps), ...libraryHandlers(deps), ...corpusHandlers(deps), ...harvestHandlers(deps) };
}

/** Dispatches a parsed request to its handler. */
export function dispatch(handlers: Handlers, request: Request): Promise<unknown> {
  const handler = handlers[request.type] as (data: unknown) => Promise<unknown>;
  return handler(request.data);
}
