import OpenAI from 'openai';
import { buildChatMessages } from './chat-messages.js';
import type { AnswerDelta, AnswerModel, AnswerRequest } from './port.js';

export interface OpenAIAnswerModelOptions {
  apiKey: string;
  /** Any OpenAI-compatible server: https://api.openai.com/v1 (default), Ollama, vLLM, LM Studio… */
  baseURL?: string | undefined;
  /** Model used when the bot does not name one. */
  model: string;
  /** Milliseconds before a request without response is abandoned (and retried). */
  timeoutMs?: number;
  /** Retries on connection errors, 408, 409, 429 and 5xx, with backoff; only before the first token. */
  maxRetries?: number;
}

/**
 * Answers with a chat model over the official OpenAI SDK, streamed. The SDK retries failed requests
 * before any token has arrived; once the answer is streaming, an error ends it (the partial answer is
 * kept by the chat module) instead of starting over and repeating text.
 */
export function createOpenAIAnswerModel(options: OpenAIAnswerModelOptions): AnswerModel {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
  });
  return {
    name: `openai:${options.model}`,
    async *streamAnswer(request: AnswerRequest): AsyncIterable<AnswerDelta> {
      const stream = await client.chat.completions.create(
        {
          model: request.model ?? options.model,
          messages: buildChatMessages(request),
          stream: true,
          stream_options: { include_usage: true },
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
        },
        request.signal ? { signal: request.signal } : {},
      );
      for await (const chunk of stream) {
        const text = chunk.choices[0]?.delta?.content;
        if (text) yield { type: 'text', text };
        if (chunk.usage) {
          yield {
            type: 'usage',
            promptTokens: chunk.usage.prompt_tokens,
            completionTokens: chunk.usage.completion_tokens,
          };
        }
      }
    },
  };
}
