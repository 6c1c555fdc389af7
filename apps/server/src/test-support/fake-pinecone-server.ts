import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonBody } from './read-json-body.js';

export interface FakePineconeServer {
  /** The index host to give the SDK. */
  host: string;
  /** Records by namespace. */
  namespaces: Map<string, Map<string, number[]>>;
  /** Request paths with their record counts, in order. */
  requests: { path: string; count: number; apiKey: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A local server speaking Pinecone's documented data-plane REST format: `POST /vectors/upsert`
 * (`{vectors, namespace}` → `{upsertedCount}`), `POST /query` (`{vector, topK, namespace}` →
 * `{matches: [{id, score}], namespace}`) and `POST /vectors/delete` (`{ids, namespace}`), with the
 * `Api-Key` header checked and cosine similarity as the score.
 */
export async function startFakePineconeServer(): Promise<FakePineconeServer> {
  const state: FakePineconeServer = { host: '', namespaces: new Map(), requests: [], close: async () => {} };
  const server = createServer(async (req, res) => {
    const body = await readJsonBody(req);
    const send = (status: number, json: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    const apiKey = req.headers['api-key'] as string | undefined;
    const namespace = String(body.namespace ?? '');
    const records = state.namespaces.get(namespace) ?? new Map<string, number[]>();
    state.namespaces.set(namespace, records);
    if (apiKey !== 'pc-test-key') return send(401, { code: 16, message: 'Invalid API Key', details: [] });
    if (req.url === '/vectors/upsert') {
      const vectors = body.vectors as { id: string; values: number[] }[];
      state.requests.push({ path: req.url, count: vectors.length, apiKey });
      if (vectors.length > 1000) return send(400, { code: 3, message: 'Too many vectors', details: [] });
      for (const vector of vectors) records.set(vector.id, vector.values);
      return send(200, { upsertedCount: vectors.length });
    }
    if (req.url === '/vectors/delete') {
      const ids = body.ids as string[];
      state.requests.push({ path: req.url, count: ids.length, apiKey });
      for (const id of ids) records.delete(id);
      return send(200, {});
    }
    if (req.url === '/query') {
      const vector = body.vector as number[];
      state.requests.push({ path: req.url, count: 1, apiKey });
      const matches = [...records.entries()]
        .map(([id, values]) => ({ id, score: cosine(vector, values), values: [] }))
        .sort((a, b) => b.score - a.score)
        .slice(0, Number(body.topK));
      return send(200, { results: [], matches, namespace, usage: { readUnits: 5 } });
    }
    send(404, { code: 5, message: `Unknown path ${req.url}`, details: [] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  a.forEach((value, i) => {
    dot += value * (b[i] ?? 0);
    normA += value * value;
    normB += (b[i] ?? 0) ** 2;
  });
  return dot / (Math.sqrt(normA * normB) || 1);
}
