// How every test launches Debian's Chromium through Playwright (RECIPES §3): the binary (CHROME_PATH
// or /usr/bin/chromium) and flags for a headless run with no network but 127.0.0.1.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    // Chromium's own background lookups (updates, accounts) go nowhere; tests only use 127.0.0.1.
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost',
  ],
};
