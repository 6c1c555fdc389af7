import { expect, waitUntil } from '@open-wc/testing';

// The one-file ESM build as shipped (`pnpm build` first), loaded the way a page's
// <script type="module" src=".../jarvis-chat.min.js"> loads it.
const bundle = '/dist/cdn/jarvis-chat.min.js';

describe(`CDN module ${bundle}`, () => {
  it('registers <jarvis-chat> on load, exports the public API, and answers', async () => {
    const api = (await import(/* @vite-ignore */ bundle)) as Record<string, unknown>;
    expect(customElements.get('jarvis-chat')).to.equal(api.JarvisChat);
    expect(Object.keys(api)).to.include.members(['JarvisChat', 'ChatController', 'createTrpcSseTransport']);

    const element = document.createElement('jarvis-chat');
    element.setAttribute('bot', 'pk_test_ok_1234');
    element.setAttribute('mode', 'inline');
    document.body.append(element);
    await waitUntil(() => element.shadowRoot?.textContent?.includes('Hello from the test bot.'));
    await element.send('What is Jarvis?');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part~="sources"] a')!.getAttribute('href')).to.equal(
      'https://docs.example/intro',
    );
    element.remove();
  });

  it('ships Lit in production mode, without dev-mode warnings', async () => {
    const source = await (await fetch(bundle)).text();
    expect(source).not.to.contain('Lit is in dev mode');
    expect(source).not.to.match(/\bprocess\.env\b/);
  });
});
