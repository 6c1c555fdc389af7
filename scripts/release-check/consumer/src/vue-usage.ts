// The Vue plugin and component.
import { JarvisChat, JarvisPlugin } from '@jarvis/vue';
import { createApp, h } from 'vue';

createApp({ render: () => h(JarvisChat, { bot: 'pk_example', api: 'http://127.0.0.1:3000' }) }).use(
  JarvisPlugin,
);
