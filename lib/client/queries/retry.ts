import { ApiRequestError } from "@/lib/client/fetch-json";

/** A caller's mistake (4xx) is not retried: the answer would be the same. Others are, up to `attempts` more times. */
export const retryUnless4xx =
  (attempts: number) =>
  (failures: number, error: Error): boolean =>
    !(error instanceof ApiRequestError && error.status < 500) && failures < attempts;
