import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Below this width the floating panel covers the whole screen (the same number as in the styles). */
const narrowQuery = '(max-width: 480px)';

/**
 * What a full-screen panel on a phone needs from the page: whether the screen is narrow, the height
 * the on-screen keyboard leaves (`visualViewport`, as `--jarvis-viewport-height`, so the question box
 * is never under the keyboard), and the page's scroll locked behind the panel so it does not bleed.
 */
export class MobileViewportController implements ReactiveController {
  /** Whether the floating panel, when open, is full screen. */
  narrow = false;
  private media: MediaQueryList | undefined;
  private lockedOverflow: string | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.media = matchMedia(narrowQuery);
    this.narrow = this.media.matches;
    this.media.addEventListener('change', this.onMediaChange);
    visualViewport?.addEventListener('resize', this.onViewportResize);
    this.onViewportResize();
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.onMediaChange);
    visualViewport?.removeEventListener('resize', this.onViewportResize);
    this.lockPageScroll(false);
  }

  /** Locks (or unlocks) the page's scrolling; the previous `overflow` comes back on unlock. */
  lockPageScroll(locked: boolean): void {
    const root = document.documentElement.style;
    if (locked && this.lockedOverflow === undefined) {
      this.lockedOverflow = root.overflow;
      root.overflow = 'hidden';
    } else if (!locked && this.lockedOverflow !== undefined) {
      root.overflow = this.lockedOverflow;
      this.lockedOverflow = undefined;
    }
  }

  private onMediaChange = () => {
    this.narrow = this.media?.matches ?? false;
    this.host.requestUpdate();
  };

  private onViewportResize = () => {
    // Through the CSSOM, which a strict CSP allows; the styles fall back to 100dvh without it.
    if (visualViewport) this.host.style.setProperty('--jarvis-viewport-height', `${visualViewport.height}px`);
  };
}
