import { expect, waitUntil } from '@open-wc/testing';

// The CDN build as shipped (`pnpm build` first), loaded the way a page's
// <script type="module" src=".../jarvis-chat.js"> loads it.
const bundle = '/dist/cdn/jarvis-chat.js';

// The test harness alone fetches enough modules to fill the default buffer of 250 entries, after
// which the browser records no more.
performance.setResourceTimingBufferSize(100_000);

/** The CDN chunks this page has fetched so far, by name without their content hash. */
const fetchedChunks = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name.match(/\/dist\/cdn\/widget\/(.+)-[\w-]+\.js$/)?.[1])
    .filter((name): name is string => name !== undefined);

describe(`CDN module ${bundle}`, () => {
  it('registers <jarvis-chat> on load and loads the panel only when the launcher is opened', async () => {
    const api = (await import(/* @vite-ignore */ bundle)) as Record<string, unknown>;
    expect(customElements.get('jarvis-chat')).to.equal(api.JarvisChat);
    expect(Object.keys(api)).to.include.members(['JarvisChat', 'JarvisAnswerEvent', 'JarvisErrorEvent']);

    const element = document.createElement('jarvis-chat');
    element.setAttribute('bot', 'pk_test_ok_1234');
    document.body.append(element);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[part~="launcher"]')).to.exist;
    expect(fetchedChunks()).to.deep.equal(['jarvis-chat-initial']);

    element.open();
    await waitUntil(() => element.shadowRoot?.textContent?.includes('Hello from the test bot.'));
    expect(fetchedChunks(), fetchedChunks().join()).to.include('chat-panel');
    element.remove();
  });

  it('answers with numbered sources from the lazily loaded panel', async () => {
    await import(/* @vite-ignore */ bundle);
    const element = document.createElement('jarvis-chat');
    element.setAttribute('bot', 'pk_test_ok_1234');
    element.setAttribute('mode', 'inline');
    document.body.append(element);
    await waitUntil(() => element.shadowRoot?.textContent?.includes('Hello from the test bot.'));
    await element.send('What is Jarvis?');
    await waitUntil(() => element.shadowRoot!.querySelector('[part~="sources"] a'));
    expect(element.shadowRoot!.querySelector('[part~="sources"] a')!.getAttribute('href')).to.equal(
      'https://docs.example/intro',
    );
    element.remove();
  });

  it('ships Lit in production mode, without dev-mode warnings', async () => {
    const stub = await (await fetch(bundle)).text();
    const [initial] = stub.match(/\.\/widget\/[^"]+\.js/) ?? [];
    expect(initial, 'the stub imports the initial chunk').to.be.a('string');
    const source = await (await fetch(new URL(initial!, new URL(bundle, location.href)))).text();
    expect(source).not.to.contain('Lit is in dev mode');
    expect(source).not.to.match(/\bprocess\.env\b/);
  });
});
