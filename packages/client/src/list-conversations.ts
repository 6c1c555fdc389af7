import type { inferRouterOutputs } from '@trpc/server';
import type { JarvisClient } from './create-jarvis-client.js';
import type { AppRouter } from './server-types.js';

/** One conversation in the owner's list: when, which bot, the first question, how it went. */
export type ConversationSummary =
  inferRouterOutputs<AppRouter>['conversations']['list']['conversations'][number];

export interface ListConversationsOptions {
  /** Only this bot's conversations; every bot in the workspace otherwise. */
  botId?: string;
  /** How many to fetch per request (1–100). */
  pageSize?: number;
}

/**
 * Yields every conversation, newest first, fetching a page at a time as the loop asks for more.
 * Needs a client made with an owner `apiKey`.
 *
 * ```ts
 * for await (const conversation of listConversations(client, { botId })) console.log(conversation);
 * ```
 */
export async function* listConversations(
  client: JarvisClient,
  options: ListConversationsOptions = {},
): AsyncGenerator<ConversationSummary, void> {
  let before: string | undefined;
  do {
    const page = await client.conversations.list.query({
      limit: options.pageSize ?? 50,
      ...(options.botId ? { botId: options.botId } : {}),
      ...(before ? { before } : {}),
    });
    yield* page.conversations;
    before = page.nextBefore ?? undefined;
  } while (before);
}
