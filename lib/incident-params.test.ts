import { describe, expect, it } from "vitest";
import { formatWindow, incidentHref, incidentUrl, parseAlertTime, parseIncidentParams, parseWindowDuration, retargetIncident } from "./incident-params";

const AT = Date.UTC(2026, 10, 21, 2, 47);

describe("parseAlertTime", () => {
  it("takes ISO-8601, epoch seconds and epoch milliseconds", () => {
    expect(parseAlertTime("2026-11-21T02:47:00Z")).toBe(AT);
    expect(parseAlertTime(String(AT / 1000))).toBe(AT);
    expect(parseAlertTime(String(AT))).toBe(AT);
  });

  it("rejects anything else", () => {
    expect(parseAlertTime("yesterday")).toBeNull();
    expect(parseAlertTime("2026-13-45T99:99:00Z")).toBeNull();
    expect(parseAlertTime("-5")).toBeNull();
    // Past what a Date holds (found by the fuzz suite): the page would show no error and break later.
    expect(parseAlertTime("99999999999999999999")).toBeNull();
    expect(parseAlertTime("8640000000000001")).toBeNull();
  });
});

describe("parseWindowDuration / formatWindow", () => {
  it("reads a number and a unit", () => {
    expect(parseWindowDuration("30m")).toBe(1_800_000);
    expect(parseWindowDuration("1h")).toBe(3_600_000);
    expect(parseWindowDuration("90s")).toBe(90_000);
    expect(parseWindowDuration("30")).toBeNull();
    expect(parseWindowDuration("1 week")).toBeNull();
  });

  it("formats with the largest unit that divides it", () => {
    expect(formatWindow(1_800_000)).toBe("30m");
    expect(formatWindow(7_200_000)).toBe("2h");
    expect(formatWindow(90_000)).toBe("90s");
  });
});

describe("parseIncidentParams", () => {
  it("gives the window around the alert, 30m by default, two thirds before the alert", () => {
    const r = parseIncidentParams({ service: "checkout-api", at: "2026-11-21T02:47:00Z" }, AT);
    expect(r).toEqual({ ok: true, params: { service: "checkout-api", atGiven: true, at: AT, windowMs: 1_800_000, from: AT - 1_200_000, to: AT + 600_000 } });
    const hour = parseIncidentParams({ service: "checkout-api", at: String(AT), window: "1h" }, AT);
    expect(hour.ok && hour.params.to - hour.params.from).toBe(3_600_000);
  });

  it("without an alert time, shows the window ending now and says so", () => {
    const r = parseIncidentParams({ service: "checkout-api", window: "1h" }, AT);
    expect(r.ok && r.params).toMatchObject({ at: AT, atGiven: false, from: AT - 3_600_000, to: AT });
    // A blank `at` (an unfilled template variable, a stray newline) is a missing one.
    for (const at of ["", " ", "\n"]) {
      expect(parseIncidentParams({ service: "checkout-api", window: "1h", at }, AT)).toMatchObject({ ok: true, params: { atGiven: false, at: AT } });
    }
  });

  it("names each missing or malformed parameter and what is accepted", () => {
    const r = parseIncidentParams({}, AT);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(["service is missing: give the name of the alerting service, e.g. service=checkout-api."]);
    const bad = parseIncidentParams({ service: 'a"b', at: "soon", window: "forever" }, AT);
    expect(bad.ok ? [] : bad.problems).toEqual([
      expect.stringMatching(/^service "a"b" is not a service name/),
      expect.stringMatching(/^at "soon" is not a time: give an ISO-8601 time .*epoch seconds .*epoch milliseconds/),
      expect.stringMatching(/^window "forever" is not a duration: give a duration such as 15m/),
    ]);
  });

  it("rejects an oversized or tiny window", () => {
    const big = parseIncidentParams({ service: "x", at: String(AT), window: "25h" }, AT);
    expect(big.ok ? [] : big.problems).toEqual(["window 25h is too long: at most 24h."]);
    const small = parseIncidentParams({ service: "x", at: String(AT), window: "10s" }, AT);
    expect(small.ok ? [] : small.problems).toEqual(["window 10s is too short: at least 1m."]);
  });

  it("links to another service's view with the same alert and window", () => {
    expect(incidentHref("payments", AT, 3_600_000)).toBe("/incident?service=payments&at=2026-11-21T02%3A47%3A00.000Z&window=1h");
  });
});

describe("incidentUrl / retargetIncident", () => {
  it("parses as the server page does, with its clock for a link without an alert time", () => {
    const codec = incidentUrl(AT);
    const live = codec.parse(new URLSearchParams("service=api&window=1h"));
    expect(live).toEqual(parseIncidentParams({ service: "api", window: "1h" }, AT));
    // Written back without the `at` it did not have; with it when given.
    expect(codec.serialize(live).toString()).toBe("service=api&window=1h");
    const fixed = codec.parse(new URLSearchParams(`service=api&at=${AT}`));
    expect(codec.serialize(fixed).toString()).toBe("service=api&at=2026-11-21T02%3A47%3A00.000Z&window=30m");
    expect(codec.parse(new URLSearchParams("window=1h")).ok).toBe(false);
  });

  it("another service keeps the alert time (now, when the link had none) and the window", () => {
    const live = parseIncidentParams({ service: "api", window: "1h" }, AT);
    if (!live.ok) throw new Error("expected a valid link");
    const next = retargetIncident(live.params, "payments");
    expect(next).toEqual(parseIncidentParams({ service: "payments", at: new Date(AT).toISOString(), window: "1h" }, AT));
    expect(next.ok && next.params.atGiven).toBe(true);
  });
});
