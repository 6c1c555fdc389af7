// <JarvisChat> in a React app, with typed props and event props.
import { JarvisChat } from '@jarvis/react';

export function App() {
  return (
    <JarvisChat
      bot="pk_example"
      api="http://127.0.0.1:3000"
      onJarvisAnswer={(event) => console.log(event.detail)}
    />
  );
}

// @ts-expect-error bot must be a string
export const wrong = <JarvisChat bot={42} />;
