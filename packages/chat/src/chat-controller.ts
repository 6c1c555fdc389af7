import type { AnswerChunk, CitedSource, WidgetConfig } from './answer-chunk.js';
import { type ChatError, type ChatTransport, ChatTransportError } from './chat-transport.js';

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
  /** Called when the config cannot be loaded or an answer fails. */
  onError?: (error: ChatError) => void;
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

  constructor(private readonly options: ChatControllerOptions) {}

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
      { id: nextId(), role: 'user', text: question, status: 'complete' },
    ];
    await this.answer(question);
  }

  /** Stops the answer being written; what arrived so far stays, marked `stopped`. */
  stop(): void {
    this.answering?.abort();
  }

  /** Asks the question of a failed or stopped last answer again, in place of that answer. */
  async retry(): Promise<void> {
    const last = this.currentMessages.at(-1);
    const question = this.currentMessages.at(-2);
    if (this.streaming || last?.role !== 'assistant' || question?.role !== 'user') return;
    if (last.status !== 'error' && last.status !== 'stopped') return;
    this.currentMessages = this.currentMessages.slice(0, -1);
    await this.answer(question.text);
  }

  /** Forgets the conversation (stopping any answer) so the next question starts a new one. */
  reset(): void {
    this.generation += 1;
    this.stop();
    // The stopped answer unwinds on its own; a question asked right after a reset must not wait for it.
    this.answering = undefined;
    this.currentMessages = [];
    this.currentConversationId = undefined;
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
    };
    this.currentMessages = [...this.currentMessages, message];
    this.notify();

    const update = (changes: Partial<ChatMessage>) => {
      if (generation !== this.generation) return;
      const previous = message;
      message = { ...message, ...changes };
      this.currentMessages = this.currentMessages.map((each) => (each === previous ? message : each));
      this.notify();
    };

    try {
      const request =
        this.currentConversationId === undefined
          ? { question }
          : { question, conversationId: this.currentConversationId };
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
    this.reportEnd(message);
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
      return { status: chunk.status };
    case 'error':
      return { status: 'error', error: { code: chunk.code, message: chunk.message } };
    default:
      // A chunk type from a newer server: nothing this version knows how to show.
      return {};
  }
}

function toChatError(error: unknown): ChatError {
  if (error instanceof ChatTransportError) return { code: error.code, message: error.message };
  // Anything else is a bug or a broken transport: no internals in front of the visitor.
  return { code: 'UNKNOWN', message: 'Something went wrong. Please try again.' };
}
