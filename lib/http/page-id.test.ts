import { describe, expect, it } from "vitest";
import { isMalformedPageId, pageId } from "./page-id";

const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";

describe("page IDs", () => {
  it("finds the ID of a trace or snapshot page, decoded", () => {
    expect(pageId(`/trace/${HEX}`)).toEqual({ page: "trace", id: HEX });
    expect(pageId("/trace/Root%3D1-5f3a3e12-89b4a5c6d7e8f90123456789")).toEqual({ page: "trace", id: "Root=1-5f3a3e12-89b4a5c6d7e8f90123456789" });
    expect(pageId(`/s/${HEX}/`)).toEqual({ page: "s", id: HEX });
    expect(pageId("/traces")).toBeNull();
    expect(pageId(`/api/traces/${HEX}`)).toBeNull();
    expect(pageId(`/trace/${HEX}/more`)).toBeNull();
  });

  it("calls malformed what the page would reject, and nothing else", () => {
    expect(isMalformedPageId("/trace/not-a-trace")).toBe(true);
    expect(isMalformedPageId("/s/not-a-snapshot")).toBe(true);
    expect(isMalformedPageId(`/s/${HEX.toUpperCase()}`)).toBe(true);
    expect(isMalformedPageId(`/trace/${HEX}`)).toBe(false);
    expect(isMalformedPageId(`/trace/1-5f3a3e12-89b4a5c6d7e8f90123456789`)).toBe(false);
    expect(isMalformedPageId(`/trace/X-Amzn-Trace-Id%3A%20Root%3D1-5f3a3e12-89b4a5c6d7e8f90123456789`)).toBe(false);
    expect(isMalformedPageId(`/s/${HEX}`)).toBe(false);
    expect(isMalformedPageId("/map")).toBe(false);
  });
});
