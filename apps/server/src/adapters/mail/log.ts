import type { MailSender } from './port.js';

/**
 * Writes each mail to the server log instead of sending it: on a machine without a mail server,
 * whoever runs Jarvis copies the verification or reset link from there.
 */
export function createLogMailSender(log: (line: string) => void = console.info): MailSender {
  return {
    async send(mail) {
      log(`[mail] To: ${mail.to}\n[mail] Subject: ${mail.subject}\n${mail.text}`);
    },
  };
}
