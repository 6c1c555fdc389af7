import type { AnswerChunk, CitedSource, WidgetConfig } from './answer-chunk.js';
import {
  type AnswerRequest,
  type ChatError,
  type ChatTransport,
  toChatError,
  type VisitorIdentity,
} from './chat-transport.js';
import type { ConversationStorage } from './conversation-storage.js';

/** Where a message is in its life: answers start `streaming` and end in one of the others. */
export type ChatMessageStatus = 'streaming' | 'complete' | 'stopped' | 'error' | 'unanswered';

/**
 * One bubble in the conversation. Messages are replaced, never mutated, so a renderer can skip every
 * message whose object has not changed and redraw only the one being written.
 */
export interface ChatMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly text: string;
  /** The sources an answer cites; `[n]` in `text` points at the one numbered n. */
  readonly sources?: readonly CitedSource[];
  readonly status: ChatMessageStatus;
  /** Why the answer failed, when `status` is `error`. */
  readonly error?: ChatError;
  /** When it was sent or started, in ms since the epoch. */
  readonly createdAt: number;
  /** The server's id of a finished answer, which feedback refers to. */
  readonly messageId?: string;
  /** The visitor's rating of this answer. */
  readonly feedback?: 'up' | 'down';
}

/**
 * Who the visitor is, as the page knows it: `id` plus any facts (`name`, `email`, `plan`…). Only
 * `id` is vouched for by the signature.
 */
export interface JarvisIdentity {
  id: string;
  name?: string;
  email?: string;
  [attribute: string]: string | number | boolean | undefined;
}

/** A rating the visitor gave, as reported to `onFeedback` (and by the element as `jarvis-feedback`). */
export interface FeedbackGiven {
  messageId: string;
  rating: 'up' | 'down';
  comment?: string;
}

/** A finished answer, as reported to `onAnswer` (and by the element as `jarvis-answer`). */
export interface FinishedAnswer {
  text: string;
  sources: CitedSource[];
  /** The conversation this answer belongs to; unknown only when the first answer was stopped early. */
  conversationId: string | undefined;
  status: 'complete' | 'unanswered' | 'stopped';
}

export interface ChatControllerOptions {
  transport: ChatTransport;
  /** Called once per answer that ends without an error (including stopped ones). */
  onAnswer?: (answer: FinishedAnswer) => void;
  /** Called when the config cannot be loaded, an answer fails or feedback cannot be sent. */
  onError?: (error: ChatError) => void;
  /** Called once the server has recorded a rating. */
  onFeedback?: (feedback: FeedbackGiven) => void;
  /** Where the conversation survives reloads; without it, it lives as long as the controller. */
  storage?: ConversationStorage;
}

let lastId = 0;
const nextId = () => `jarvis-${Date.now().toString(36)}-${(lastId++).toString(36)}`;

/**
 * The conversation, framework-neutral: state plus the send/stop/retry/reset actions, talking to the
 * server only through a `ChatTransport`. The Lit element renders it; other front ends can too.
 */
export class ChatController {
  private currentMessages: readonly ChatMessage[] = [];
  private currentConfig: WidgetConfig | undefined;
  private currentConfigError: ChatError | undefined;
  private currentConversationId: string | undefined;
  private answering: AbortController | undefined;
  private loading: AbortController | undefined;
  /** Bumped by reset() and dispose(), so an answer still unwinding cannot write into a new conversation. */
  private generation = 0;
  private disposed = false;
  private readonly listeners = new Set<() => void>();
  private identity: VisitorIdentity | undefined;

  constructor(private readonly options: ChatControllerOptions) {
    const saved = options.storage?.load();
    if (saved) {
      this.currentMessages = saved.messages;
      this.currentConversationId = saved.conversationId;
    }
  }

  get messages(): readonly ChatMessage[] {
    return this.currentMessages;
  }

  /** The bot's config once loaded. */
  get config(): WidgetConfig | undefined {
    return this.currentConfig;
  }

  /** Why the config could not be loaded (an unknown bot, a refused origin, no network). */
  get configError(): ChatError | undefined {
    return this.currentConfigError;
  }

  /** The server's id for this conversation, sent with every follow-up question. */
  get conversationId(): string | undefined {
    return this.currentConversationId;
  }

  /** Whether answers can be rated: the transport can send feedback. */
  get canRate(): boolean {
    return this.options.transport.sendFeedback !== undefined;
  }

  /** Whether an answer is being written (and can be stopped). */
  get streaming(): boolean {
    return this.answering !== undefined;
  }

  /** Calls `listener` after every change of state; returns the function that unsubscribes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads (or reloads) the bot's config; failures land in `configError` and `onError`. */
  async loadConfig(): Promise<void> {
    this.loading?.abort();
    const loading = new AbortController();
    this.loading = loading;
    this.currentConfigError = undefined;
    this.notify();
    try {
      const config = await this.options.transport.loadConfig(loading.signal);
      if (loading.signal.aborted) return;
      this.currentConfig = config;
    } catch (error) {
      if (loading.signal.aborted) return;
      this.currentConfigError = toChatError(error);
      this.options.onError?.(this.currentConfigError);
    } finally {
      if (this.loading === loading) this.loading = undefined;
    }
    this.notify();
  }

  /**
   * Asks a question and resolves once its answer has ended, failed or been stopped. Blank text, and
   * text sent while another answer is being written, is ignored.
   */
  async send(text: string): Promise<void> {
    const question = text.trim();
    if (!question || this.streaming || this.disposed) return;
    this.currentMessages = [
      ...this.currentMessages,
      { id: nextId(), role: 'user', text: question, status: 'complete', createdAt: Date.now() },
    ];
    await this.answer(question);
  }

  /** Stops the answer being written; what arrived so far stays, marked `stopped`. */
  stop(): void {
    this.answering?.abort();
  }

  /** Asks the question of the last answer again, in place of that answer (failed, stopped or not). */
  async retry(): Promise<void> {
    const last = this.currentMessages.at(-1);
    const question = this.currentMessages.at(-2);
    if (this.streaming || last?.role !== 'assistant' || question?.role !== 'user') return;
    this.currentMessages = this.currentMessages.slice(0, -1);
    await this.answer(question.text);
  }

  /**
   * Says who the visitor is; sent with every question from now on. `signature` is
   * hex(HMAC-SHA256(bot identity secret, user.id)) from the site's server; without it the server
   * keeps the identity as unverified.
   */
  identify(user: JarvisIdentity, signature?: string): void {
    const { id, name, email, ...rest } = user;
    const attributes = Object.fromEntries(
      Object.entries(rest).filter(
        (entry): entry is [string, string | number | boolean] => entry[1] !== undefined,
      ),
    );
    this.identity = {
      id,
      ...(name === undefined ? {} : { name }),
      ...(email === undefined ? {} : { email }),
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
      ...(signature ? { signature } : {}),
    };
  }

  /**
   * Rates a finished answer (by its `ChatMessage.id`); a later call with a comment replaces the
   * rating. Resolves once the server has it; failures go to `onError`.
   */
  async rate(id: string, rating: 'up' | 'down', comment?: string): Promise<void> {
    const message = this.currentMessages.find((each) => each.id === id);
    const send = this.options.transport.sendFeedback;
    if (!message?.messageId || !send) return;
    this.replace(message, { ...message, feedback: rating });
    this.save();
    const feedback: FeedbackGiven = { messageId: message.messageId, rating, ...(comment ? { comment } : {}) };
    try {
      await send.call(this.options.transport, feedback);
      this.options.onFeedback?.(feedback);
    } catch (error) {
      this.options.onError?.(toChatError(error));
    }
  }

  /**
   * Forgets the conversation (stopping any answer), the saved copy and the identity, so the next
   * question starts a new conversation: what `reset()` on logout needs on a shared computer.
   */
  reset(): void {
    this.generation += 1;
    this.stop();
    // The stopped answer unwinds on its own; a question asked right after a reset must not wait for it.
    this.answering = undefined;
    this.currentMessages = [];
    this.currentConversationId = undefined;
    this.identity = undefined;
    this.options.storage?.clear();
    this.notify();
  }

  /** Stops all work and all notifications; for a front end that is done with this controller. */
  dispose(): void {
    this.disposed = true;
    this.generation += 1;
    this.stop();
    this.loading?.abort();
    this.listeners.clear();
  }

  private async answer(question: string): Promise<void> {
    const generation = this.generation;
    const abort = new AbortController();
    this.answering = abort;
    let message: ChatMessage = {
      id: nextId(),
      role: 'assistant',
      text: '',
      sources: [],
      status: 'streaming',
      createdAt: Date.now(),
    };
    this.currentMessages = [...this.currentMessages, message];
    this.notify();

    const update = (changes: Partial<ChatMessage>) => {
      if (generation !== this.generation) return;
      const previous = message;
      message = { ...message, ...changes };
      this.replace(previous, message);
    };

    try {
      const request: AnswerRequest = {
        question,
        ...(this.currentConversationId === undefined ? {} : { conversationId: this.currentConversationId }),
        ...(this.identity ? { identity: this.identity } : {}),
      };
      for await (const chunk of this.options.transport.streamAnswer(request, abort.signal)) {
        if (generation !== this.generation) break;
        update(applyChunk(message, chunk));
        if (chunk.type === 'answer-end') this.currentConversationId = chunk.conversationId;
        if (chunk.type === 'error') break;
      }
      if (message.status === 'streaming') update({ status: abort.signal.aborted ? 'stopped' : 'complete' });
    } catch (error) {
      update(abort.signal.aborted ? { status: 'stopped' } : { status: 'error', error: toChatError(error) });
    } finally {
      if (this.answering === abort) this.answering = undefined;
    }
    if (generation !== this.generation) return;
    this.notify();
    this.save();
    this.reportEnd(message);
  }

  /** Swaps one message object for its new version and tells the listeners. */
  private replace(previous: ChatMessage, next: ChatMessage): void {
    this.currentMessages = this.currentMessages.map((each) => (each === previous ? next : each));
    this.notify();
  }

  private save(): void {
    this.options.storage?.save({
      messages: this.currentMessages,
      ...(this.currentConversationId === undefined ? {} : { conversationId: this.currentConversationId }),
    });
  }

  private reportEnd(message: ChatMessage): void {
    if (message.status === 'error' || message.status === 'streaming') {
      if (message.error) this.options.onError?.(message.error);
      return;
    }
    this.options.onAnswer?.({
      text: message.text,
      sources: [...(message.sources ?? [])],
      conversationId: this.currentConversationId,
      status: message.status,
    });
  }

  private notify(): void {
    if (this.disposed) return;
    for (const listener of this.listeners) listener();
  }
}

/** What one chunk changes in the answer being written. */
function applyChunk(message: ChatMessage, chunk: AnswerChunk): Partial<ChatMessage> {
  switch (chunk.type) {
    case 'text-delta':
      return { text: message.text + chunk.text };
    case 'sources-ready':
      return { sources: chunk.sources };
    case 'answer-end':
      return { status: chunk.status, messageId: chunk.messageId };
    case 'error':
      return { status: 'error', error: { code: chunk.code, message: chunk.message } };
    default:
      // A chunk type from a newer server: nothing this version knows how to show.
      return {};
  }
}
