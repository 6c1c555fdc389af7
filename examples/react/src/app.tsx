import type { JarvisChat as JarvisChatElement } from '@jarvis/chat';
import { JarvisChat } from '@jarvis/react';
import { useRef, useState } from 'react';

// Set these in .env.local (see the README); Vite puts them into the build.
const bot = import.meta.env.VITE_JARVIS_BOT as string | undefined;
const api = (import.meta.env.VITE_JARVIS_URL as string | undefined) ?? 'http://127.0.0.1:3000';

/** A help page with the assistant inline, a button that asks it something, and the last answer's sources. */
export function App() {
  const chat = useRef<JarvisChatElement>(null);
  const [sources, setSources] = useState<string[]>([]);
  if (!bot) {
    return (
      <p>
        Set <code>VITE_JARVIS_BOT</code> to your bot's publishable key (<code>pk_…</code>) in{' '}
        <code>.env.local</code>, then restart <code>npm run dev</code>.
      </p>
    );
  }
  return (
    <main>
      <h1>Help centre</h1>
      <button type="button" onClick={() => chat.current?.send('How do I add the widget to my site?')}>
        Ask how to add the widget
      </button>
      <div style={{ height: '32rem', maxWidth: '40rem' }}>
        <JarvisChat
          ref={chat}
          bot={bot}
          api={api}
          mode="inline"
          onJarvisAnswer={(event) => setSources(event.detail.sources.map((source) => source.url))}
        />
      </div>
      <ul aria-label="Sources of the last answer">
        {sources.map((url) => (
          <li key={url}>{url}</li>
        ))}
      </ul>
    </main>
  );
}
