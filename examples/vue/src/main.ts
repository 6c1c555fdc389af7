import { JarvisPlugin } from '@jarvis/vue';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).use(JarvisPlugin).mount('#app');
