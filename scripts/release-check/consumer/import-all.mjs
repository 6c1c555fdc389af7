// Server rendering imports these modules in Node, where there is no DOM: importing must not touch one.
await import('@jarvis/chat');
await import('@jarvis/client');
await import('@jarvis/react');
await import('@jarvis/vue');
console.log('imported @jarvis/chat, @jarvis/client, @jarvis/react, @jarvis/vue');
