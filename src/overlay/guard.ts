/**
 * The overlay runs inside other people's pages: whatever goes wrong in it (a page shaped in a way no
 * adapter expected, a redefined built-in) must never break the page. Entry points and callbacks run
 * through `guard`, which catches the error and reports it to the console with a "Paperlens:" prefix.
 */
export function guard<T>(what: string, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    report(what, e);
    return fallback;
  }
}

export function report(what: string, e: unknown): void {
  try {
    console.error(`Paperlens: ${what} failed:`, e);
  } catch {
    // A page that broke console itself gets no report; it still keeps working.
  }
}
