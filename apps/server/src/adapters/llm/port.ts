/** Writes an answer from numbered sources. `openai` calls a model; `extractive` quotes the sources. */
export interface AnswerModel {
  readonly name: string;
  /** Streams the answer as text deltas; stops early when `request.signal` aborts. */
  streamAnswer(request: AnswerRequest): AsyncIterable<AnswerDelta>;
}

export interface AnswerSource {
  /** 1-based number the answer cites as `[n]`. */
  number: number;
  title: string;
  url: string;
  content: string;
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface AnswerRequest {
  question: string;
  sources: readonly AnswerSource[];
  history: readonly ChatTurn[];
  /** The bot's persona and rules, already merged with the house rules. */
  instructions: string;
  /** The bot's model, when it names one; otherwise the adapter's default. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
}

export type AnswerDelta =
  | { type: 'text'; text: string }
  | { type: 'usage'; promptTokens: number; completionTokens: number };
