import type { CitedSource, WidgetConfig } from './answer-chunk.js';
import { type ChatTransport, ChatTransportError } from './chat-transport.js';

/** One bubble in the conversation. */
export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  status: 'streaming' | 'complete' | 'unanswered' | 'stopped' | 'error';
  sources: CitedSource[];
  /** Shown instead of (or after) the text when status is `error`. */
  error?: { code: string; message: string };
  /** The question this answer replies to, so it can be retried. */
  question?: string;
}

/** What a finished answer reports to listeners (the element turns it into `jarvis-answer`). */
export interface FinishedAnswer {
  text: string;
  sources: CitedSource[];
  conversationId: string | undefined;
  status: ChatMessage['status'];
}

export interface ChatControllerCallbacks {
  onChange(): void;
  onAnswer?(answer: FinishedAnswer): void;
  onError?(error: { code: string; message: string }): void;
}

let counter = 0;
const nextId = () => `m${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * Conversation state and the send/stop/retry/reset actions, with no DOM and no framework:
 * the Lit element renders it, and other front ends can too.
 */
export class ChatController {
  messages: ChatMessage[] = [];
  config: WidgetConfig | undefined;
  configError: { code: string; message: string } | undefined;
  conversationId: string | undefined;
  private abort: AbortController | undefined;

  constructor(
    private readonly transport: ChatTransport,
    private readonly callbacks: ChatControllerCallbacks,
  ) {}

  get streaming(): boolean {
    return this.abort !== undefined;
  }

  async loadConfig(): Promise<void> {
    try {
      this.config = await this.transport.loadConfig();
      this.configError = undefined;
    } catch (error) {
      this.configError = describe(error);
      this.callbacks.onError?.(this.configError);
    }
    this.callbacks.onChange();
  }

  /** Asks a question; resolves when its answer has finished, failed or been stopped. */
  async send(text: string): Promise<void> {
    const question = text.trim();
    if (!question || this.streaming) return;
    this.messages = [
      ...this.messages,
      { id: nextId(), role: 'user', text: question, status: 'complete', sources: [] },
    ];
    await this.answer(question);
  }

  /** Stops the answer being written; what arrived so far stays, marked as stopped. */
  stop(): void {
    this.abort?.abort();
  }

  /** Asks the last failed or stopped question again. */
  async retry(): Promise<void> {
    const last = this.messages.at(-1);
    if (last?.role !== 'assistant' || !last.question || this.streaming) return;
    this.messages = this.messages.slice(0, -1);
    await this.answer(last.question);
  }

  /** Forgets the conversation and starts a new one. */
  reset(): void {
    this.stop();
    this.messages = [];
    this.conversationId = undefined;
    this.callbacks.onChange();
  }

  private async answer(question: string): Promise<void> {
    const message: ChatMessage = {
      id: nextId(),
      role: 'assistant',
      text: '',
      status: 'streaming',
      sources: [],
      question,
    };
    this.messages = [...this.messages, message];
    const abort = new AbortController();
    this.abort = abort;
    this.callbacks.onChange();
    try {
      const request = { question, ...(this.conversationId ? { conversationId: this.conversationId } : {}) };
      for await (const chunk of this.transport.streamAnswer(request, abort.signal)) {
        if (chunk.type === 'text-delta') message.text += chunk.text;
        else if (chunk.type === 'sources-ready') message.sources = chunk.sources;
        else if (chunk.type === 'answer-end') {
          this.conversationId = chunk.conversationId;
          message.status = chunk.status;
        } else if (chunk.type === 'error') {
          message.status = 'error';
          message.error = { code: chunk.code, message: chunk.message };
        }
        this.callbacks.onChange();
      }
      if (message.status === 'streaming') message.status = abort.signal.aborted ? 'stopped' : 'complete';
    } catch (error) {
      if (abort.signal.aborted) message.status = 'stopped';
      else {
        message.status = 'error';
        message.error = describe(error);
      }
    } finally {
      this.abort = undefined;
    }
    this.callbacks.onChange();
    if (message.status === 'error' && message.error) this.callbacks.onError?.(message.error);
    else {
      this.callbacks.onAnswer?.({
        text: message.text,
        sources: message.sources,
        conversationId: this.conversationId,
        status: message.status,
      });
    }
  }
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof ChatTransportError) return { code: error.code, message: error.message };
  return { code: 'UNKNOWN', message: 'Something went wrong. Please try again.' };
}
