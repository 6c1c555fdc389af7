/** A Jarvis server started for a test, with its demo bot's key and an owner API key. */
export interface StartedJarvis {
  url: string;
  botKey: string;
  apiKey: string;
  stop(): Promise<void>;
}

/** Starts the built `jarvis` CLI on a free port with a fresh data folder (see start-jarvis.mjs). */
export function startJarvis(options?: { env?: Record<string, string> }): Promise<StartedJarvis>;
