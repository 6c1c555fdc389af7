// Runs in the benchmark's page before any of the page's own scripts (Playwright's addInitScript,
// followed by a `startWidgetProbe({...})` call). Plain JavaScript on purpose: it is injected as
// text, not compiled, so what runs is exactly what is read here.
//
// It times, on the page's own clock (performance.now(), zero at navigation start):
// - `launcherVisible`: the first animation frame in which the widget's first control is visible;
// - `clicked`: the `click` event that reached that control (its timeStamp);
// - `inputReady`: the first frame, after the click (or from the start for widgets with no launcher),
//   in which the question box is visible and accepts text.
// A check per animation frame is the right grain: a frame is when the page is painted, so an element
// that passes the check is on screen in that frame.

/**
 * @param {{ launcher: string[], input: string[], clickOpens: boolean }} options each path is CSS
 *   selectors crossing shadow roots: ['jarvis-chat', '[part~="launcher"]'] is that part inside
 *   jarvis-chat's shadow root
 */
// biome-ignore lint/correctness/noUnusedVariables: called by the text appended to this file
function startWidgetProbe(options) {
  const results = {};
  window.widgetProbe = results;

  const find = (path) => {
    let root = document;
    let element = null;
    for (const selector of path) {
      if (!root) return null;
      element = root.querySelector(selector);
      if (!element) return null;
      root = element.shadowRoot;
    }
    return element;
  };
  // Laid out with a box, not display:none or visibility:hidden. Opacity is not checked, so an
  // entrance animation that fades a panel in does not count against any widget.
  const isVisible = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && element.checkVisibility({ visibilityProperty: true });
  };
  const acceptsText = (element) =>
    !element.disabled && !element.readOnly && element.getAttribute('contenteditable') !== 'false';

  const firstFrameWhen = (check, key) => {
    const poll = () => {
      if (check()) results[key] = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  };
  const inputReady = () => {
    const input = find(options.input);
    return input !== null && isVisible(input) && acceptsText(input);
  };

  firstFrameWhen(() => {
    const launcher = find(options.launcher);
    return launcher !== null && isVisible(launcher);
  }, 'launcherVisible');
  if (options.clickOpens) {
    addEventListener(
      'click',
      (event) => {
        if (results.clicked !== undefined) return;
        results.clicked = event.timeStamp;
        firstFrameWhen(inputReady, 'inputReady');
      },
      { capture: true },
    );
  } else {
    firstFrameWhen(inputReady, 'inputReady');
  }
}
