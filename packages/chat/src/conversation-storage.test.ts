import { expect } from '@open-wc/testing';
import type { ChatMessage } from './chat-controller.js';
import { localConversationStorage } from './conversation-storage.js';

const message = (id: string, status: ChatMessage['status'] = 'complete'): ChatMessage => ({
  id,
  role: 'assistant',
  text: `answer ${id}`,
  status,
  createdAt: 1,
});

describe('localConversationStorage', () => {
  beforeEach(() => localStorage.clear());

  it('saves and loads a conversation under its own key, a streaming answer as stopped', () => {
    const storage = localConversationStorage('jarvis-chat:test:a');
    storage.save({ conversationId: 'c1', messages: [message('1'), message('2', 'streaming')] });
    const loaded = localConversationStorage('jarvis-chat:test:a').load();
    expect(loaded?.conversationId).to.equal('c1');
    expect(loaded?.messages.map((each) => each.status)).to.deep.equal(['complete', 'stopped']);
    expect(localConversationStorage('jarvis-chat:test:b').load()).to.equal(undefined);
    storage.clear();
    expect(storage.load()).to.equal(undefined);
  });

  it('treats foreign or broken data as no conversation, and drops malformed messages', () => {
    localStorage.setItem('jarvis-chat:test:a', '{not json');
    expect(localConversationStorage('jarvis-chat:test:a').load()).to.equal(undefined);
    localStorage.setItem('jarvis-chat:test:a', JSON.stringify({ messages: [message('1'), { id: 2 }] }));
    expect(localConversationStorage('jarvis-chat:test:a').load()?.messages).to.have.length(1);
  });
});
