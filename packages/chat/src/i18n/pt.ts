import type { JarvisStrings } from './jarvis-strings.js';

/** Portuguese: loaded only on pages in this language. */
export const strings: JarvisStrings = {
  chat: 'Chat',
  openChat: 'Abrir chat',
  closeChat: 'Fechar chat',
  newChat: 'Nova conversa',
  placeholder: 'Faça uma pergunta…',
  inputLabel: 'Sua pergunta',
  send: 'Enviar',
  stop: 'Parar',
  stopped: 'Interrompido.',
  tryAgain: 'Tentar novamente',
  copy: 'Copiar',
  copied: 'Copiado',
  helpful: 'Útil',
  notHelpful: 'Não ajudou',
  commentLabel: 'Conte-nos mais (opcional)',
  thanks: 'Obrigado pelo seu retorno.',
  offline: 'Você está offline. Reconecte-se para fazer uma pergunta.',
  sources: 'Fontes',
  source: 'Fonte',
  writing: 'Escrevendo uma resposta…',
};
