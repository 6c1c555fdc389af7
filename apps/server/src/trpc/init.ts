import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.js';

/**
 * One tRPC instance for the whole server. Errors reach clients as a code and a readable message:
 * zod problems are turned into "field: problem" lines, and stacks and internal causes never leave.
 */
/** What a procedure declares about itself, read by the HTTP layer. */
export interface ProcedureMeta {
  /** Called by the widget from other sites' pages (publishable key + Origin): the only ones with CORS. */
  widget?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const { stack: _stack, ...data } = shape.data;
      if (error.cause instanceof ZodError) {
        const message = error.cause.issues
          .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
          .join('; ');
        return { ...shape, message, data };
      }
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        return { ...shape, message: 'Something went wrong on the server. It has been logged.', data };
      }
      return { ...shape, data };
    },
  });

/** Whether any string inside a JSON value holds a NUL character, which Postgres text cannot store. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1));
}

export const router = t.router;
/**
 * Every procedure starts here. Input with a NUL character is refused for all of them at once: no
 * person types one, and Postgres would refuse to store it deep inside a procedure (a 500).
 */
export const publicProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  if (holdsNul(await getRawInput()))
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Text may not contain NUL characters (\\u0000).' });
  return next();
});
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
