/** Fetches one page for the crawler: plain HTTP, or a real browser for pages that need JavaScript. */
export interface PageFetcher {
  fetchPage(url: string, options: FetchPageOptions): Promise<FetchedPage>;
  close(): Promise<void>;
}

export interface FetchPageOptions {
  signal?: AbortSignal;
  /** Milliseconds before the fetch is abandoned. */
  timeoutMs: number;
  /** Bytes of body kept at most; longer bodies are cut. */
  maxBytes: number;
  userAgent: string;
}

export interface FetchedPage {
  /** The URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: string;
}
