// Server rendering (what Next.js does for a client component on the server): prints the HTML.
import { JarvisChat } from '@jarvis/react';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

console.log(renderToString(createElement(JarvisChat, { bot: 'pk_example', api: 'http://127.0.0.1:3000' })));
