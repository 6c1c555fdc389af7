/** Every piece of text the widget itself shows or announces; the bot's own texts come from its config. */
export interface JarvisStrings {
  /** Title when the bot's config has no name (or has not loaded). */
  chat: string;
  openChat: string;
  closeChat: string;
  newChat: string;
  placeholder: string;
  inputLabel: string;
  send: string;
  stop: string;
  stopped: string;
  tryAgain: string;
  copy: string;
  copied: string;
  helpful: string;
  notHelpful: string;
  commentLabel: string;
  thanks: string;
  offline: string;
  sources: string;
  source: string;
  writing: string;
}

/** English: the fallback for every language the widget does not know. */
export const englishStrings: JarvisStrings = {
  chat: 'Chat',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  newChat: 'New chat',
  placeholder: 'Ask a question…',
  inputLabel: 'Your question',
  send: 'Send',
  stop: 'Stop',
  stopped: 'Stopped.',
  tryAgain: 'Try again',
  copy: 'Copy',
  copied: 'Copied',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  commentLabel: 'Tell us more (optional)',
  thanks: 'Thanks for your feedback.',
  offline: 'You are offline. Reconnect to ask a question.',
  sources: 'Sources',
  source: 'Source',
  writing: 'Writing an answer…',
};
