/** One plain-text mail: verification links, password resets. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends the mails accounts need. The default writes them to the log (embedded mode, no mail
 * server); an SMTP or API sender is one more file here implementing this, chosen in `app.ts`.
 */
export interface MailSender {
  send(mail: Mail): Promise<void>;
}
