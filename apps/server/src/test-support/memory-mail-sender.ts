import type { Mail, MailSender } from '../adapters/mail/port.js';

/** A mail sender that keeps what it was given, so a test can follow the links in it. */
export interface MemoryMailSender extends MailSender {
  sent: Mail[];
  /** The first link in the newest mail to `to`. */
  lastLinkTo(to: string): string;
  /** The invitation code in the newest invitation mail to `to`. */
  lastInvitationCodeTo(to: string): string;
}

export function createMemoryMailSender(): MemoryMailSender {
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
    lastInvitationCodeTo(to) {
      const mail = sent.findLast((item) => item.to === to && item.text.includes('jinv_'));
      const code = mail?.text.match(/jinv_[A-Za-z0-9_-]+/)?.[0];
      if (!code) throw new Error(`No invitation was sent to ${to}`);
      return code;
    },
  };
}
