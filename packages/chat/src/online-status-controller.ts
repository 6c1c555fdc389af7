import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Follows `navigator.onLine` and the window's online/offline events, so the widget can say it is
 * offline before the visitor types a question that cannot be sent.
 */
export class OnlineStatusController implements ReactiveController {
  /** Whether the browser believes it has a network connection. */
  online = true;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.online = navigator.onLine;
    addEventListener('online', this.follow);
    addEventListener('offline', this.follow);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.follow);
    removeEventListener('offline', this.follow);
  }

  private follow = () => {
    this.online = navigator.onLine;
    this.host.requestUpdate();
  };
}
