/** What every handler group is given (the database, the engine, settings a clock and the harvest driver), and what a handler is. */
import type { Result } from '../../core/paper';
import type { Database } from '../../db/database';
import type { Parser } from '../../messaging/parse';
import type { MessageType, Response } from '../../messaging/protocol';
import type { Settings } from '../../settings/schema';
import type { EngineService } from '../engine-service';
import type { PageLearner } from '../learning';

export interface HandlerDeps {
  readonly db: () => Promise<Database>;
  readonly engine: EngineService;
  readonly settings: () => Promise<Settings>;
  readonly now: () => Date;
  /** Learns the papers pages show; one is made from the other deps when unset (tests pass their own to flush it). */
  readonly learner?: PageLearner;
  /** Replaces the stored settings (a backup restore); unset in tests that do not restore settings. */
  readonly saveSettings?: (raw: Readonly<Record<string, unknown>>) => Promise<void>;
  /** The harvest driver, nudged after a control changes the stored harvest; unset in tests without one. */
  readonly harvest?: { wake(): void };
}

/**
 * One message's answer: a parser that turns the untrusted payload into the request the handler works on
 * (or a clear error), and the function that answers that request. The background only ever calls
 * `handle` with what `parse` returned (see `run`), so no handler can run on an unvalidated request.
 */
export interface Handler<T extends MessageType, P> {
  readonly parse: Parser<P>;
  readonly handle: (request: P) => Promise<Response<T>>;
}

/**
 * A group's handlers by message type. Each keeps its own parsed request type, checked where it is
 * written with `handler(parse, handle)`; here it is erased (`never` takes any handle function).
 */
export type HandlerGroup<K extends MessageType> = {
  readonly [T in K]: {
    readonly parse: (v: unknown) => Result<unknown>;
    readonly handle: (request: never) => Promise<Response<T>>;
  };
};

/** Pairs a parser with the function that answers what it parsed (TypeScript checks that they agree). */
export function handler<P, R>(
  parse: Parser<P>,
  handle: (request: P) => Promise<R>,
): { parse: Parser<P>; handle: (request: P) => Promise<R> } {
  return { parse, handle };
}

export class BadRequest extends Error {
  override name = 'BadRequest';
}

/** Parses then answers; a payload the parser refuses is a BadRequest naming the field. */
export function run<T extends MessageType>(h: HandlerGroup<T>[T], data: unknown): Promise<Response<T>> {
  const parsed = h.parse(data);
  if (!parsed.ok) return Promise.reject(new BadRequest(parsed.error));
  // The one place the erased type is put back: `parsed.value` is what this handler's own parser made.
  return h.handle(parsed.value as never);
}
