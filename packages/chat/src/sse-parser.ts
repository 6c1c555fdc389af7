/** One server-sent event: its `event:` name (`message` when absent), its joined `data:` lines and its `id:`. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Parses a `text/event-stream` body as it arrives, following the HTML spec's rules: events may be split
 * across network chunks anywhere (even inside a UTF-8 character), lines end in LF, CRLF or CR, a blank
 * line ends an event, `:` starts a comment. Stopping the iteration early cancels the body, which
 * closes the connection instead of leaving the server writing to nobody.
 */
export async function* parseServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader();
  // `stream: true` holds back a UTF-8 character split across two chunks until its last byte arrives.
  const decoder = new TextDecoder();
  let buffer = '';
  let name = '';
  let data: string[] = [];
  let id: string | undefined;
  let finished = false;

  // Returns the event a line completes, if any.
  const readLine = (line: string): ServerSentEvent | undefined => {
    if (line === '') {
      const event =
        data.length > 0 || name !== ''
          ? { event: name || 'message', data: data.join('\n'), ...(id === undefined ? {} : { id }) }
          : undefined;
      name = '';
      data = [];
      id = undefined;
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
    if (field === 'data') data.push(value);
    else if (field === 'event') name = value;
    else if (field === 'id') id = value;
    // `retry` and unknown fields only matter to EventSource's reconnection, which we never do.
    return undefined;
  };

  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) finished = true;
      // A CR at the very end may be the first half of a CRLF split across chunks: it stays in the
      // buffer for the next chunk, unless there is none.
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (done && buffer.endsWith('\r')) buffer += '\n';
      const lines = buffer.split(/\r\n|\r(?!$)|\n/);
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const event = readLine(line);
        if (event) yield event;
      }
      // Per the spec, an event the stream cuts off before its blank line is discarded.
      if (done) return;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
