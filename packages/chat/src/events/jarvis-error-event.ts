/** Fired when the widget cannot load its bot or an answer fails; `message` is what the visitor sees. */
export class JarvisErrorEvent extends CustomEvent<{ code: string; message: string }> {
  constructor(detail: { code: string; message: string }) {
    super('jarvis-error', { bubbles: true, composed: true, detail });
  }
}
