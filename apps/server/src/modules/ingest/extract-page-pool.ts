import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExtractedPage } from './extract-page.js';

/** Extracts pages off the calling thread; `close` ends the threads (they also end after a pause). */
export interface PageExtractorPool {
  extract(html: string, pageUrl: string): Promise<ExtractedPage>;
  /**
   * Starts a thread now if none is running, so the first page does not wait for one to load its
   * modules (a crawl calls this before its first request). It ends after the idle pause like any.
   */
  warmUp(): void;
  close(): Promise<void>;
}

export interface PageExtractorPoolOptions {
  /** Threads at most; one fewer than the CPUs (at least one, at most four) unless said. */
  size?: number;
  /** Threads are ended after this long without work, so an idle server holds none; 10 s unless said. */
  idleMs?: number;
}

interface Task {
  id: number;
  html: string;
  url: string;
  resolve(page: ExtractedPage): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  running: Map<number, Task>;
}

type WorkerReply = { id: number; page: ExtractedPage } | { id: number; error: string };

// Built, the worker is a .js file beside this one. Run from the TypeScript sources (tests,
// benchmarks), it is a .ts file: the thread registers tsx first, since a worker does not get the
// loader hooks of the thread that starts it (tsx's ESM build: its CommonJS one looks for its hooks
// in the wrong folder when loaded from an eval'd worker).
const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(`./extract-page-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
const newWorker = (): Worker => {
  if (!fromSources) return new Worker(workerUrl);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
    /\.cjs$/,
    '.mjs',
  );
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true });
};

/**
 * Pages handed to a thread at once. More than one, so a thread has its next pages at hand while the
 * main thread is busy in the database (a statement blocks it, and with it the hand-over, for tens of
 * milliseconds); few, so a slow page holds up little where there are other threads.
 */
const pagesPerThread = 4;

/**
 * Readability, the DOM and HTML-to-Markdown take most of a crawl's CPU time outside the database;
 * on worker threads they run beside it (PGlite works on the main thread). Each thread holds a few
 * pages at a time (`pagesPerThread`). A thread that dies fails only its own pages and is replaced
 * on the next one.
 */
export function createPageExtractorPool(options: PageExtractorPoolOptions = {}): PageExtractorPool {
  const size = Math.max(1, options.size ?? Math.min(4, availableParallelism() - 1));
  const idleMs = options.idleMs ?? 10_000;
  const threads: Thread[] = [];
  const waiting: Task[] = [];
  let nextId = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  const start = (): Thread => {
    const thread: Thread = { worker: newWorker(), running: new Map() };
    thread.worker.on('message', (reply: WorkerReply) => {
      const task = thread.running.get(reply.id);
      if (!task) return;
      thread.running.delete(reply.id);
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(reply.page);
      dispatch();
    });
    const fail = (error: Error) => {
      const index = threads.indexOf(thread);
      if (index >= 0) threads.splice(index, 1);
      for (const task of thread.running.values()) task.reject(error);
      thread.running.clear();
      dispatch();
    };
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => {
      if (threads.includes(thread))
        fail(new Error(`The page extraction thread stopped (exit code ${code}).`));
    });
    threads.push(thread);
    return thread;
  };

  const dispatch = () => {
    while (waiting.length > 0) {
      let thread = threads.find((candidate) => candidate.running.size === 0);
      if (!thread && threads.length < size) thread = start();
      thread ??= threads.find((candidate) => candidate.running.size < pagesPerThread);
      if (!thread) break;
      const task = waiting.shift()!;
      thread.running.set(task.id, task);
      thread.worker.postMessage({ id: task.id, html: task.html, url: task.url });
    }
    const busy = threads.some((thread) => thread.running.size > 0);
    // Idle threads must not keep the process alive, nor linger holding memory.
    for (const thread of threads) {
      if (thread.running.size > 0) thread.worker.ref();
      else thread.worker.unref();
    }
    clearTimeout(idleTimer);
    if (!busy && threads.length > 0) {
      idleTimer = setTimeout(() => void close(), idleMs);
      idleTimer.unref();
    }
  };

  const close = async () => {
    clearTimeout(idleTimer);
    const stopping = threads.splice(0);
    const dropped = [...waiting.splice(0), ...stopping.flatMap((thread) => [...thread.running.values()])];
    for (const task of dropped) task.reject(new Error('The page extraction pool was closed.'));
    await Promise.all(stopping.map((thread) => thread.worker.terminate()));
  };

  return {
    extract(html, url) {
      return new Promise<ExtractedPage>((resolve, reject) => {
        waiting.push({ id: nextId++, html, url, resolve, reject });
        dispatch();
      });
    },
    warmUp() {
      if (threads.length === 0) start();
      dispatch();
    },
    close,
  };
}

/** The pool crawls share; its threads start with the first page and end when crawling stops. */
export const sharedPageExtractor = createPageExtractorPool();
