/**
 * Every timer the server starts goes through here, so close() can clear all of them: a pending
 * sleep is rejected with ServerClosed and its request is abandoned.
 */
export class ServerClosed extends Error {
  constructor() {
    super("the AWS test server was closed");
  }
}

export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.reject(new ServerClosed());
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, () => reject(new ServerClosed()));
    });
  }

  get size(): number {
    return this.pending.size;
  }

  clearAll(): void {
    this.closed = true;
    for (const [timer, cancel] of this.pending) {
      clearTimeout(timer);
      cancel();
    }
    this.pending.clear();
  }
}
