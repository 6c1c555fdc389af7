import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context.js';

/**
 * One tRPC instance for the whole server. Errors reach clients as a code and a readable message:
 * zod problems are turned into "field: problem" lines, and stacks and internal causes never leave.
 */
const t = initTRPC.context<Context>().create({
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

export const router = t.router;
export const publicProcedure = t.procedure;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
