import { expect } from '@open-wc/testing';

// The npm build as shipped (`pnpm build` first): `@jarvis/chat` has no side effects,
// `@jarvis/chat/define` registers the element. Lit stays a bare import the page's bundler resolves;
// any other bare import (tslib, say) would not resolve here and fail the import.
describe('npm build dist/index.js and dist/define.js', () => {
  it('registers nothing on import of the main entry, and the element on import of define', async () => {
    const main = '/dist/index.js';
    const define = '/dist/define.js';
    const api = (await import(/* @vite-ignore */ main)) as Record<string, unknown>;
    expect(customElements.get('jarvis-chat')).to.equal(undefined);
    expect(Object.keys(api).sort()).to.deep.equal([
      'ChatController',
      'ChatTransportError',
      'JarvisAnswerEvent',
      'JarvisChat',
      'JarvisCloseEvent',
      'JarvisErrorEvent',
      'JarvisFeedbackEvent',
      'JarvisMessageEvent',
      'JarvisOpenEvent',
      'createTrpcSseTransport',
      'localConversationStorage',
      'supportedLocales',
    ]);
    await import(/* @vite-ignore */ define);
    expect(customElements.get('jarvis-chat')).to.equal(api.JarvisChat);
  });
});
