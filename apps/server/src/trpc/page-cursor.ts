import { z } from 'zod';

/**
 * The `before` cursor of paged lists (`nextBefore` from the previous page). Bounded to years
 * Postgres can store: a date outside them would fail inside the query, a 500 instead of a 400.
 */
export const beforeCursorSchema = z.coerce
  .date({ error: 'before must be a date, e.g. nextBefore from the previous page' })
  .min(new Date('1970-01-01T00:00:00Z'), 'before must be after 1970')
  .max(new Date('9999-12-31T23:59:59Z'), 'before must be before the year 10000');
