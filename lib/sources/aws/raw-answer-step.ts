/**
 * A step between the SDK's HTTP handler and its deserializer, on one command: each attempt's raw
 * answer is handed to `read` before the SDK reads it, and `read` may consume its body and give the
 * deserializer another (segment-stream.ts; tests and benches that look at the bytes on the wire).
 */

/** The raw HTTP answer, as the SDK's HTTP handler gives it. */
export interface RawAnswer {
  statusCode?: number;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

type Next = (args: object) => Promise<{ response?: unknown; output?: unknown }>;
type Stack = { add(middleware: (next: Next) => Next, options: { step: "deserialize"; priority: "low"; name: string }): void };

export function beforeDeserializing(command: { middlewareStack: unknown }, name: string, read: (answer: RawAnswer) => Promise<void>): void {
  (command.middlewareStack as Stack).add(
    (next) => async (args) => {
      const result = await next(args);
      if (result.response) await read(result.response as RawAnswer);
      return result;
    },
    { step: "deserialize", priority: "low", name },
  );
}
