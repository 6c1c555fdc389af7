import type { JarvisStrings } from './jarvis-strings.js';

/** French: loaded only on pages in this language. */
export const strings: JarvisStrings = {
  chat: 'Discussion',
  openChat: 'Ouvrir la discussion',
  closeChat: 'Fermer la discussion',
  newChat: 'Nouvelle conversation',
  placeholder: 'Posez une question…',
  inputLabel: 'Votre question',
  send: 'Envoyer',
  stop: 'Arrêter',
  stopped: 'Arrêté.',
  tryAgain: 'Réessayer',
  copy: 'Copier',
  copied: 'Copié',
  helpful: 'Utile',
  notHelpful: 'Pas utile',
  commentLabel: 'Dites-nous en plus (facultatif)',
  thanks: 'Merci pour votre avis.',
  offline: 'Vous êtes hors ligne. Reconnectez-vous pour poser une question.',
  sources: 'Sources',
  source: 'Source',
  writing: 'Rédaction de la réponse…',
};
