import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from './server-types.js';

/**
 * What went wrong, to branch on: the server could not be reached, refused the key, the bot or record
 * does not exist, the input was invalid, a limit was hit, or the server failed.
 */
export type JarvisErrorCode =
  | 'UNREACHABLE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'TOO_MANY_REQUESTS'
  | 'ANSWER_FAILED'
  | 'INGEST_FAILED'
  | 'SERVER_ERROR';

const serverCodes = new Set<string>([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_REQUEST',
  'TOO_MANY_REQUESTS',
]);

/**
 * Every failure of a Jarvis client call: a `code` and a message a person can act on, never a bare
 * `fetch failed`. It is a `TRPCClientError`, so tRPC's own error handling still applies.
 */
export class JarvisError extends TRPCClientError<AppRouter> {
  override readonly name = 'JarvisError';
  readonly code: JarvisErrorCode;

  constructor(code: JarvisErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause instanceof Error ? { cause: options.cause } : {});
    // TRPCClientError pins its own prototype in its constructor; restore the subclass's.
    Object.setPrototypeOf(this, new.target.prototype);
    this.code = code;
  }
}

/** Turns any failure of a call to the server at `serverUrl` into a `JarvisError`. */
export function toJarvisError(error: unknown, serverUrl: string): JarvisError {
  if (error instanceof JarvisError) return error;
  const code =
    error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
  if (code && serverCodes.has(code)) {
    return new JarvisError(code as JarvisErrorCode, (error as Error).message, { cause: error });
  }
  if (code) return new JarvisError('SERVER_ERROR', (error as Error).message, { cause: error });
  // No tRPC error code: the request never got a Jarvis answer (refused connection, DNS, not Jarvis).
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : '';
  return new JarvisError(
    'UNREACHABLE',
    `Could not reach the Jarvis server at ${serverUrl}${reason ? ` (${reason})` : ''}. Check the URL and that the server is running.`,
    { cause: error },
  );
}
