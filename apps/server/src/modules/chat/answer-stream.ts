import { z } from 'zod';

/** A source as listed under an answer; `number` is what `[n]` in the text points at. */
export const citedSourceSchema = z.object({
  number: z.number().int().positive(),
  url: z.string(),
  title: z.string(),
});

/**
 * The chunks of a streamed answer, in order: `text-delta`s, one `sources-ready`, one `answer-end`.
 * An `error` chunk replaces whatever remains when the answer fails part-way. These names are public API.
 */
export const answerChunkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text-delta'), text: z.string() }),
  z.object({ type: z.literal('sources-ready'), sources: z.array(citedSourceSchema) }),
  z.object({
    type: z.literal('answer-end'),
    conversationId: z.string(),
    messageId: z.string(),
    status: z.enum(['complete', 'unanswered', 'stopped']),
    /** The answer was given but its sources only weakly match the question. */
    uncertain: z.boolean(),
    timing: z.object({ timeToFirstTokenMs: z.number(), totalMs: z.number() }),
    usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }),
  }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);

export type CitedSource = z.infer<typeof citedSourceSchema>;
export type AnswerChunk = z.infer<typeof answerChunkSchema>;
