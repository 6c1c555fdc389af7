/**
 * Services every procedure may use; built once in `app.ts`, never per request. Its members are
 * declared in `services.ts` by module augmentation, so that the router's published types (which
 * reach this file through `Context`) do not drag in the database and SDK types behind them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by services.ts (see above)
export interface Services {}

/** Per-request context: the shared services plus what the request says about its caller. */
export interface Context {
  services: Services;
  /** The browser page's origin (`Origin` header), if the call came from one. */
  origin: string | undefined;
  /** The `Authorization` header, checked by the API-key procedures. */
  authorization: string | undefined;
  /** The request's headers, for reading the session cookie. */
  headers: Headers;
  /** The client's address (after JARVIS_TRUST_PROXY), for rate limits. */
  ip: string;
  /** Sets a response header, e.g. the rate-limit headers, before tRPC answers. */
  setHeader(name: string, value: string): void;
}
