import { describe, expect, it } from "vitest";
import { secretsEqual } from "./constant-time";

describe("secretsEqual", () => {
  it("is true for equal secrets only, whatever the lengths", () => {
    expect(secretsEqual("correct horse", "correct horse")).toBe(true);
    expect(secretsEqual("correct horse", "correct hors")).toBe(false);
    expect(secretsEqual("", "x")).toBe(false);
    expect(secretsEqual("é", "e")).toBe(false);
  });
});
