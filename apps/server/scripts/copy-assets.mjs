// tsc compiles only TypeScript; the SQL migrations ship beside the compiled code.
import { cp } from 'node:fs/promises';

await cp(
  new URL('../src/db/migrations/', import.meta.url),
  new URL('../dist/db/migrations/', import.meta.url),
  {
    recursive: true,
  },
);
