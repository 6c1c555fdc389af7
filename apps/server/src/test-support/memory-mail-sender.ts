import type { Mail, MailSender } from '../adapters/mail/port.js';

/** A mail sender that keeps what it was given, so a test can follow the links in it. */
export function createMemoryMailSender(): MailSender & { sent: Mail[]; lastLinkTo(to: string): string } {
  const sent: Mail[] = [];
  return {
    sent,
    async send(mail) {
      sent.push(mail);
    },
    lastLinkTo(to) {
      const mail = sent.findLast((item) => item.to === to);
      const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
      if (!link) throw new Error(`No mail with a link was sent to ${to}`);
      return link;
    },
  };
}
