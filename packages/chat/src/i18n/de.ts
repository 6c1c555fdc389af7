import type { JarvisStrings } from './jarvis-strings.js';

/** German: loaded only on pages in this language. */
export const strings: JarvisStrings = {
  chat: 'Chat',
  openChat: 'Chat öffnen',
  closeChat: 'Chat schließen',
  newChat: 'Neuer Chat',
  placeholder: 'Stellen Sie eine Frage…',
  inputLabel: 'Ihre Frage',
  send: 'Senden',
  stop: 'Stopp',
  stopped: 'Angehalten.',
  tryAgain: 'Erneut versuchen',
  copy: 'Kopieren',
  copied: 'Kopiert',
  helpful: 'Hilfreich',
  notHelpful: 'Nicht hilfreich',
  commentLabel: 'Erzählen Sie uns mehr (optional)',
  thanks: 'Danke für Ihr Feedback.',
  offline: 'Sie sind offline. Verbinden Sie sich, um eine Frage zu stellen.',
  sources: 'Quellen',
  source: 'Quelle',
  writing: 'Antwort wird geschrieben…',
};
