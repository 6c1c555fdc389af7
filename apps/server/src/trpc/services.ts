import type { UserAuthenticator } from '../adapters/auth/port.js';
import type { MailSender } from '../adapters/mail/port.js';
import type { RateLimits } from '../adapters/ratelimit/port.js';
import type { JarvisAuth } from '../modules/accounts/auth.js';
import type { ChatDeps } from '../modules/chat/chat-service.js';

declare module './context.js' {
  /** What procedures get in `ctx.services`: the database, the adapters and retrieval settings. */
  interface Services extends ChatDeps {
    rateLimits: RateLimits;
    /** Built-in accounts: sessions, sign-in, two-factor (better-auth). */
    auth: JarvisAuth;
    /** Who signed in: built-in session cookies or Supabase access tokens. */
    authenticator: UserAuthenticator;
    /** Where mails to people go (invitations); the log in embedded mode. */
    mail: MailSender;
  }
}
