// A bounded wait for something another part does asynchronously (a watcher, another
// window): polls until `ok` holds; the bound only guards against a hang.
export async function waitUntil(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
