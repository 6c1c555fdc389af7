// A web-test-runner reporter that ends the run with one stable line the root test script parses:
//   browser tests: 42 passed, 0 failed, 1 skipped (8 files)
// The default reporter's progress bar is redrawn in place and its final sentence changes with the
// outcome, so neither is a good thing to parse.

function countTests(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) countTests(child, counts);
}

export function summaryReporter() {
  return {
    stop({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = counts.failed;
        countTests(session.testResults, counts);
        // A file that failed to load or threw outside any test has no failed test to count: count it once.
        if (!session.passed && counts.failed === before) counts.failed += 1;
      }
      const files = new Set(sessions.map((session) => session.testFile)).size;
      const line = `browser tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${files} files)`;
      // The default reporter redraws its progress after the reporters stop; printing on exit keeps this last.
      process.once('exit', () => console.log(line));
    },
  };
}
