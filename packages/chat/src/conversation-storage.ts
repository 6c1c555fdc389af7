import type { ChatMessage } from './chat-controller.js';

/** What survives a reload: the server's conversation id and the messages on screen. */
export interface SavedConversation {
  conversationId?: string;
  messages: readonly ChatMessage[];
}

/** Where a `ChatController` keeps its conversation between page loads. */
export interface ConversationStorage {
  load(): SavedConversation | undefined;
  save(conversation: SavedConversation): void;
  clear(): void;
}

/** The storage key of a bot's conversation on a server: one per server and bot. */
export function conversationStorageKey(api: string, bot: string): string {
  return `jarvis-chat:${api}:${bot}`;
}

/** Older messages are dropped from the saved copy; the server still has them. */
const savedMessages = 60;

/**
 * The conversation in `localStorage` under `key` (one key per server and bot, so two widgets for
 * different bots on a page never share one). Storage that is full, blocked or holds something else
 * is treated as empty: a chat that forgets beats a chat that breaks.
 */
export function localConversationStorage(key: string): ConversationStorage {
  return {
    load() {
      try {
        return toSavedConversation(JSON.parse(globalThis.localStorage?.getItem(key) ?? 'null'));
      } catch {
        return undefined;
      }
    },
    save(conversation) {
      // A message still streaming is saved as stopped: after a reload nothing continues it.
      const messages = conversation.messages
        .slice(-savedMessages)
        .map((message) =>
          message.status === 'streaming' ? { ...message, status: 'stopped' as const } : message,
        );
      try {
        globalThis.localStorage?.setItem(key, JSON.stringify({ ...conversation, messages }));
      } catch {
        // Full or blocked (private browsing): the conversation just does not survive a reload.
      }
    },
    clear() {
      try {
        globalThis.localStorage?.removeItem(key);
      } catch {
        // Blocked storage has nothing to clear.
      }
    },
  };
}

/** Checks the fields the widget reads, since anything on the page can write to localStorage. */
function toSavedConversation(value: unknown): SavedConversation | undefined {
  const saved = value as { conversationId?: unknown; messages?: unknown } | null;
  if (!saved || !Array.isArray(saved.messages)) return undefined;
  const messages = saved.messages.filter(
    (message: Partial<ChatMessage> | null): message is ChatMessage =>
      typeof message?.id === 'string' &&
      (message.role === 'user' || message.role === 'assistant') &&
      typeof message.text === 'string' &&
      typeof message.status === 'string' &&
      typeof message.createdAt === 'number' &&
      (message.sources === undefined || Array.isArray(message.sources)),
  );
  return typeof saved.conversationId === 'string'
    ? { conversationId: saved.conversationId, messages }
    : { messages };
}
