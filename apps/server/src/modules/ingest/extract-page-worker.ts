// Runs extractPage for the pool in extract-page-pool.ts: one message in, one message out.
import { parentPort } from 'node:worker_threads';
import { extractPage } from './extract-page.js';

interface ExtractRequest {
  id: number;
  html: string;
  url: string;
}

parentPort?.on('message', ({ id, html, url }: ExtractRequest) => {
  try {
    parentPort?.postMessage({ id, page: extractPage(html, url) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
