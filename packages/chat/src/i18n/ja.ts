import type { JarvisStrings } from './jarvis-strings.js';

/** Japanese: loaded only on pages in this language. */
export const strings: JarvisStrings = {
  chat: 'チャット',
  openChat: 'チャットを開く',
  closeChat: 'チャットを閉じる',
  newChat: '新しい会話',
  placeholder: '質問を入力…',
  inputLabel: '質問',
  send: '送信',
  stop: '停止',
  stopped: '停止しました。',
  tryAgain: '再試行',
  copy: 'コピー',
  copied: 'コピーしました',
  helpful: '役に立った',
  notHelpful: '役に立たなかった',
  commentLabel: '詳しく教えてください（任意）',
  thanks: 'フィードバックありがとうございます。',
  offline: 'オフラインです。質問するには再接続してください。',
  sources: '出典',
  source: '出典',
  writing: '回答を作成中…',
};
