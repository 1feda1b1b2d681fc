/**
 * The snapshot store's S3 client, configured as the X-Ray and CloudWatch Logs clients are
 * (lib/sources/aws/aws-clients.ts): the SDK's credential chain and region, AWS_ENDPOINT_URL_S3 or
 * AWS_ENDPOINT_URL, AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, AWS_REQUEST_TIMEOUT_MS, each call bounded.
 * With an endpoint override, addresses are path-style (`<endpoint>/<bucket>/<key>`): a test server
 * or an S3-compatible store has no per-bucket host names.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { clientSettingsFromEnv, sdkClientConfig, withCallTimeout } from "../sources/aws/aws-clients";
import { parseAwsTimeouts } from "../sources/aws/aws-config";

type Env = Record<string, string | undefined>;

export function createSnapshotS3Client(env: Env): S3Client {
  const defaults = clientSettingsFromEnv(env);
  const settings = { ...defaults, ...parseAwsTimeouts(env, defaults) };
  const forcePathStyle = Boolean(env.AWS_ENDPOINT_URL_S3?.trim() || env.AWS_ENDPOINT_URL?.trim());
  return withCallTimeout(new S3Client({ ...sdkClientConfig(settings), forcePathStyle }), settings.callTimeoutMs, "s3");
}
