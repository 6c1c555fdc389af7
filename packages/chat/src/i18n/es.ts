import type { JarvisStrings } from './jarvis-strings.js';

/** Spanish: loaded only on pages in this language. */
export const strings: JarvisStrings = {
  chat: 'Chat',
  openChat: 'Abrir chat',
  closeChat: 'Cerrar chat',
  newChat: 'Nueva conversación',
  placeholder: 'Haz una pregunta…',
  inputLabel: 'Tu pregunta',
  send: 'Enviar',
  stop: 'Detener',
  stopped: 'Detenido.',
  tryAgain: 'Reintentar',
  copy: 'Copiar',
  copied: 'Copiado',
  helpful: 'Útil',
  notHelpful: 'No es útil',
  commentLabel: 'Cuéntanos más (opcional)',
  thanks: 'Gracias por tu opinión.',
  offline: 'Estás sin conexión. Vuelve a conectarte para preguntar.',
  sources: 'Fuentes',
  source: 'Fuente',
  writing: 'Escribiendo una respuesta…',
};
