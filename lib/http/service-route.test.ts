import { describe, expect, it } from "vitest";
import { serviceRouteInput } from "./service-route";

/** The route's input as Next.js hands it over: the URL as sent, the segment decoded once. */
const input = (segment: string, decoded: string) =>
  serviceRouteInput(new Request(`http://127.0.0.1/api/services/${segment}/stats`), Promise.resolve({ name: decoded }));

describe("serviceRouteInput's service (the {name} of /api/services/{name}/…)", () => {
  it("is the segment as Next.js decoded it, / and : included", async () => {
    expect((await input("ns%2Fsvc%3Av1%40prod", "ns/svc:v1@prod")).service).toBe("ns/svc:v1@prod");
    expect((await input("caf%C3%A9", "café")).service).toBe("café");
  });

  it("is not decoded twice: an escaped % is refused, not read as another name (found by the fuzz suite)", async () => {
    await expect(input("checkout1-5f%253a3e12", "checkout1-5f%3a3e12")).rejects.toMatchObject({ status: 400, code: "invalid_service" });
  });
});
