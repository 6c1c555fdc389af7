import { expect, waitUntil } from '@open-wc/testing';

// The one-file CDN build as shipped (run `pnpm build` first): loading it registers a working element.
describe('CDN bundle dist/cdn/jarvis-chat.min.js', () => {
  it('defines <jarvis-chat> on load and talks to the server', async () => {
    const bundle = '/dist/cdn/jarvis-chat.min.js';
    await import(/* @vite-ignore */ bundle);
    expect(customElements.get('jarvis-chat')).to.be.a('function');
    const element = document.createElement('jarvis-chat');
    element.setAttribute('bot', 'pk_test_ok_1234');
    element.setAttribute('mode', 'inline');
    document.body.append(element);
    await waitUntil(() => element.shadowRoot?.textContent?.includes('Hello from the test bot.'));
    element.remove();
  });
});
