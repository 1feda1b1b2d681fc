import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { parsePivotFilters } from "./pivot-params";

const parse = (qs: string) => parsePivotFilters(new URLSearchParams(qs));

function rejection(qs: string): { status: number; code: string; message: string } {
  try {
    parse(qs);
  } catch (err) {
    if (ApiError.is(err)) return { status: err.status, code: err.code, message: err.message };
    throw err;
  }
  throw new Error(`accepted ${qs}`);
}

describe("parsePivotFilters", () => {
  it("reads spanName, exception and logPattern (as a pattern)", () => {
    expect(parse("")).toEqual({});
    expect(parse("spanName=POST%20%2Fv1%2Fcharges&exception=TimeoutError&logPattern=timed%20out%20after%203000%20ms")).toEqual({
      spanName: "POST /v1/charges",
      exceptionType: "TimeoutError",
      logPattern: "timed out after <n> ms",
    });
  });

  it("rejects empty, repeated, oversized and control-character values, naming the parameter", () => {
    expect(rejection("spanName=")).toMatchObject({ status: 400, code: "invalid_spanName", message: "spanName: must not be empty" });
    expect(rejection("exception=a&exception=b")).toMatchObject({ code: "invalid_exception", message: "exception: give it once, got 2 values" });
    expect(rejection(`exception=${"x".repeat(301)}`).message).toBe("exception: at most 300 characters, got 301");
    expect(rejection("spanName=a%00b").message).toBe("spanName: must not contain control characters");
    expect(rejection("logPattern=%20%20").code).toBe("invalid_logPattern");
  });
});
