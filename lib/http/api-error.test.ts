import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";

describe("ApiError.is", () => {
  it("recognises an ApiError by its brand, also one built by another copy of the class", () => {
    expect(ApiError.is(new ApiError(400, "invalid_x", "x: bad"))).toBe(true);
    // What a second bundle's copy of the module produces: same global brand, different class.
    const foreign = Object.assign(new Error("throttled"), { status: 503, code: "aws_throttled", [Symbol.for("sightline.ApiError")]: true });
    expect(ApiError.is(foreign)).toBe(true);
  });

  it("rejects anything else", () => {
    expect(ApiError.is(new Error("plain"))).toBe(false);
    expect(ApiError.is({ status: 400, code: "x", message: "looks alike" })).toBe(false);
    expect(ApiError.is(null)).toBe(false);
  });
});
