import type { JarvisStrings } from './jarvis-strings.js';

/** Arabic (written right to left): loaded only on pages in this language. */
export const strings: JarvisStrings = {
  chat: 'الدردشة',
  openChat: 'فتح الدردشة',
  closeChat: 'إغلاق الدردشة',
  newChat: 'محادثة جديدة',
  placeholder: 'اطرح سؤالاً…',
  inputLabel: 'سؤالك',
  send: 'إرسال',
  stop: 'إيقاف',
  stopped: 'تم الإيقاف.',
  tryAgain: 'أعد المحاولة',
  copy: 'نسخ',
  copied: 'تم النسخ',
  helpful: 'مفيد',
  notHelpful: 'غير مفيد',
  commentLabel: 'أخبرنا بالمزيد (اختياري)',
  thanks: 'شكرًا على ملاحظاتك.',
  offline: 'أنت غير متصل. أعد الاتصال لطرح سؤال.',
  sources: 'المصادر',
  source: 'المصدر',
  writing: 'جارٍ كتابة الإجابة…',
};
