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
  /**
   * Extra request headers for the first hop only (`If-None-Match`, `If-Modified-Since`): a redirect
   * leads to another resource, which these validators do not describe.
   */
  headers?: Record<string, string>;
}

export interface FetchedPage {
  /** The URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  /** The body as text, decoded by its declared or sniffed charset. */
  body: string;
  /** The body as received (after Content-Encoding): what PDFs and other files are read from. */
  bytes?: Uint8Array;
  /** The body was cut at `maxBytes`; what `body` holds is incomplete. */
  truncated?: boolean;
  /** The response's `ETag` and `Last-Modified`, kept to ask "changed since?" on the next sync. */
  etag?: string;
  lastModified?: string;
}
