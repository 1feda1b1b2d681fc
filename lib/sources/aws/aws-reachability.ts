/**
 * Is AWS reachable with the configured credentials? One cheap, read-only call per service, each in
 * the IAM policy of the README and neither tied to any data: X-Ray GetTraceSegmentDestination and
 * CloudWatch Logs DescribeLogGroups (limit 1).
 *
 * Reachable means AWS answered a signed request as this principal: a success, and also an
 * AccessDenied (the credentials were accepted; the panel that needs the action says which one is
 * missing) or a throttle (AWS is there, and busy). Not reachable: no or rejected credentials, a
 * network failure or timeout, an AWS server error.
 */
import { type CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetTraceSegmentDestinationCommand, type XRayClient } from "@aws-sdk/client-xray";
import { toApiError } from "./aws-errors";

interface ServiceCheck {
  service: "xray" | "logs";
  reachable: boolean;
  /** When the call failed: the error code of aws-errors.ts (aws_credentials, aws_unreachable, …). */
  code?: string;
}

export interface AwsReachability {
  services: ServiceCheck[];
}

/** Accepted as "reachable": AWS authenticated the caller and answered. */
const REACHABLE_CODES = new Set(["aws_access_denied", "aws_throttled"]);

export async function checkAwsReachable(
  clients: { xray: XRayClient; logs: CloudWatchLogsClient },
  timeoutMs: number,
): Promise<{ ok: boolean; detail: AwsReachability }> {
  const one = async (service: ServiceCheck["service"], call: (signal: AbortSignal) => Promise<unknown>, action: string): Promise<ServiceCheck> => {
    try {
      await call(AbortSignal.timeout(timeoutMs));
      return { service, reachable: true };
    } catch (err) {
      const code = toApiError(err, action).code;
      return { service, reachable: REACHABLE_CODES.has(code), code };
    }
  };
  const services = await Promise.all([
    one("xray", (abortSignal) => clients.xray.send(new GetTraceSegmentDestinationCommand({}), { abortSignal }), "xray:GetTraceSegmentDestination"),
    one("logs", (abortSignal) => clients.logs.send(new DescribeLogGroupsCommand({ limit: 1 }), { abortSignal }), "logs:DescribeLogGroups"),
  ]);
  return { ok: services.every((s) => s.reachable), detail: { services } };
}
