const focusable =
  'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), a[href], [tabindex="0"]';

/**
 * Keeps Tab inside `container` (in a shadow root): from the last control it wraps to the first and,
 * with Shift, from the first to the last. For the full-screen panel, where nothing behind it is visible.
 */
export function trapFocus(event: KeyboardEvent, container: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const controls = [...container.querySelectorAll<HTMLElement>(focusable)].filter(
    (control) => control.getClientRects().length > 0,
  );
  const first = controls[0];
  const last = controls.at(-1);
  const active = (container.getRootNode() as ShadowRoot).activeElement;
  if (!first || !last) return;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}
