// One listener on a run's signal, fanned out to short-lived child signals. Each wait and each
// request listens on a signal while it lasts; with 32 of them on one AbortSignal Node prints
// MaxListenersExceededWarning (its limit is 10). A child per worker keeps each signal's
// listeners to one or two, and the run's signal to one.
export class AbortFanOut {
  private readonly children = new Set<AbortController>();

  constructor(private readonly parent: AbortSignal) {
    parent.addEventListener(
      'abort',
      () => {
        for (const c of this.children) c.abort(parent.reason);
      },
      { once: true },
    );
  }

  /** A signal that aborts with the parent; call `release` when done with it. */
  child(): { signal: AbortSignal; release(): void } {
    const controller = new AbortController();
    if (this.parent.aborted) controller.abort(this.parent.reason);
    else this.children.add(controller);
    return { signal: controller.signal, release: () => this.children.delete(controller) };
  }

  /** Children not yet released (for tests). */
  get size(): number {
    return this.children.size;
  }
}
