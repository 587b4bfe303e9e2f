/**
 * Who may send which message. Content scripts run inside web pages, so a compromised or hostile page
 * could drive them: they get only the overlay's messages (lookups, panels, chips, learning, title scans,
 * opening a library view, and the panel's Save toggle). Everything that reads the whole reading list,
 * exports or restores a backup, or changes the corpus is answered only to the extension's own pages
 * (popup, library, options), whose URL is on the extension's origin.
 */
import { OVERLAY_TYPES } from './overlay';
import type { MessageType } from './protocol';

/** The messages a content script (a page context) may send: the overlay's, and the Save toggle. */
export const PAGE_TYPES: ReadonlySet<MessageType> = new Set<MessageType>([...OVERLAY_TYPES, 'readingList/toggle']);

/** What the background knows of a sender (a subset of runtime.MessageSender). */
export interface SenderInfo {
  readonly id?: string | undefined;
  readonly url?: string | undefined;
  readonly origin?: string | undefined;
  readonly tab?: unknown;
}

/**
 * Why `type` from `sender` is refused, or undefined when it is allowed. `extensionId` is runtime.id and
 * `extensionOrigin` the runtime.getURL('/') prefix (chrome-extension://<id>/ or moz-extension://<uuid>/).
 */
export function refusal(
  type: MessageType,
  sender: SenderInfo,
  extensionId: string,
  extensionOrigin: string,
): string | undefined {
  if (sender.id !== extensionId) return 'messages are accepted only from Paperlens itself';
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (fromExtensionPage || PAGE_TYPES.has(type)) return undefined;
  return `${type} is answered only to Paperlens pages (popup, library, options), not to web pages`;
}
