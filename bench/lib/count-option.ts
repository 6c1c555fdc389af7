/**
 * A whole-number command-line option of at least `min`; anything else stops the benchmark with a
 * message that says what to give, instead of a run that measures nothing or fails further on.
 */
export function countOption(name: string, value: string, min = 1): number {
  const count = Number(value);
  if (value.trim() === '' || !Number.isInteger(count) || count < min) {
    console.error(`--${name} takes a whole number of at least ${min}, not "${value}".`);
    process.exit(2);
  }
  return count;
}
