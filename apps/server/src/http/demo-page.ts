/** The page at `/`: a short intro and the demo bot's `<jarvis-chat>`, with no inline script or style. */
export function renderDemoPage(options: { publishableKey: string; apiUrl: string; botName: string }): string {
  const key = escapeAttribute(options.publishableKey);
  const api = escapeAttribute(options.apiUrl);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttribute(options.botName)} · Jarvis</title>
<link rel="stylesheet" href="/demo.css">
<link rel="icon" href="data:,">
<script type="module" src="/widget.js"></script>
</head>
<body>
<main>
  <h1>Jarvis is running</h1>
  <p>This bot has read Jarvis's own documentation. Ask it how to install Jarvis, crawl a site or embed the widget.</p>
  <jarvis-chat bot="${key}" api="${api}" mode="inline"></jarvis-chat>
  <h2>Put it on your site</h2>
  <pre><code>&lt;script type="module" src="${api}/widget.js"&gt;&lt;/script&gt;
&lt;jarvis-chat bot="${key}" api="${api}"&gt;&lt;/jarvis-chat&gt;</code></pre>
</main>
</body>
</html>
`;
}

export const demoStylesheet = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f6f7fb; color: #111827; }
main { max-width: 760px; margin: 0 auto; padding: 32px 16px; }
jarvis-chat { display: block; height: 560px; margin: 24px 0; }
pre { background: #111827; color: #f9fafb; padding: 12px; border-radius: 8px; overflow-x: auto; }
`;

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
