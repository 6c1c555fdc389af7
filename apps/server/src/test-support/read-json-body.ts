import type { IncomingMessage } from 'node:http';

/** The JSON body of a request to one of the fake vendor servers; `{}` when it is empty or not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}
