import { expect, waitUntil } from '@open-wc/testing';

// The classic-script build as shipped (`pnpm build` first), for pages that cannot use modules.
const bundle = '/dist/cdn/jarvis-chat.iife.min.js';

describe(`CDN script ${bundle}`, () => {
  it('registers <jarvis-chat> from a classic <script> and exposes the API as window.Jarvis', async () => {
    const script = document.createElement('script');
    script.src = bundle;
    const loaded = new Promise((resolve, reject) => {
      script.addEventListener('load', resolve);
      script.addEventListener('error', reject);
    });
    document.head.append(script);
    await loaded;
    const api = (window as { Jarvis?: Record<string, unknown> }).Jarvis;
    expect(customElements.get('jarvis-chat')).to.equal(api?.JarvisChat);

    const element = document.createElement('jarvis-chat');
    element.setAttribute('bot', 'pk_test_ok_1234');
    element.setAttribute('mode', 'inline');
    document.body.append(element);
    await waitUntil(() => element.shadowRoot?.textContent?.includes('Hello from the test bot.'));
    element.remove();
  });
});
