import type { ChatDeps } from '../modules/chat/chat-service.js';

/** Services every procedure may use; built once in `app.ts`, never per request. */
export interface Services extends ChatDeps {}

/** Per-request context: the shared services plus what the request says about its caller. */
export interface Context {
  services: Services;
  /** The browser page's origin (`Origin` header), if the call came from one. */
  origin: string | undefined;
  /** The `Authorization` header, checked by the API-key procedures. */
  authorization: string | undefined;
}
