/**
 * Reading a request's JSON body (unknown) member by member, with AWS-style validation errors
 * ("1 validation error detected: Value null at 'traceIds' failed to satisfy constraint: …").
 * X-Ray reports them as InvalidRequestException, CloudWatch Logs as InvalidParameterException.
 */
import type { AwsError } from "./aws-error";

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export class InputReader {
  readonly body: JsonObject;

  constructor(
    body: unknown,
    private readonly invalid: (message: string) => AwsError,
  ) {
    if (body !== null && body !== undefined && !isObject(body)) throw invalid("The request body must be a JSON object.");
    this.body = isObject(body) ? body : {};
  }

  fail(key: string, value: unknown, constraint: string): AwsError {
    const shown = value === undefined || value === null ? "null" : `'${JSON.stringify(value).slice(0, 80)}'`;
    return this.invalid(`1 validation error detected: Value ${shown} at '${lowerFirst(key)}' failed to satisfy constraint: ${constraint}`);
  }

  has(key: string): boolean {
    return this.body[key] !== undefined && this.body[key] !== null;
  }

  string(key: string): string {
    const value = this.body[key];
    if (value === undefined || value === null) throw this.fail(key, value, "Member must not be null");
    if (typeof value !== "string") throw this.fail(key, value, "Member must be a string");
    return value;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  number(key: string): number {
    const value = this.body[key];
    if (value === undefined || value === null) throw this.fail(key, value, "Member must not be null");
    if (typeof value !== "number" || !Number.isFinite(value)) throw this.fail(key, value, "Member must be a number");
    return value;
  }

  optionalNumber(key: string): number | undefined {
    return this.has(key) ? this.number(key) : undefined;
  }

  optionalBoolean(key: string): boolean | undefined {
    if (!this.has(key)) return undefined;
    const value = this.body[key];
    if (typeof value !== "boolean") throw this.fail(key, value, "Member must be a boolean");
    return value;
  }

  stringArray(key: string, min: number, max: number): string[] {
    const value = this.body[key];
    if (value === undefined || value === null) throw this.fail(key, value, "Member must not be null");
    if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string")) {
      throw this.fail(key, value, "Member must be a list of strings");
    }
    if (value.length < min) throw this.fail(key, value, `Member must have length greater than or equal to ${min}`);
    if (value.length > max) throw this.fail(key, value, `Member must have length less than or equal to ${max}`);
    return value;
  }

  optionalStringArray(key: string, min: number, max: number): string[] | undefined {
    return this.has(key) ? this.stringArray(key, min, max) : undefined;
  }

  array(key: string): unknown[] {
    const value = this.body[key];
    if (value === undefined || value === null) throw this.fail(key, value, "Member must not be null");
    if (!Array.isArray(value)) throw this.fail(key, value, "Member must be a list");
    return value;
  }
}
