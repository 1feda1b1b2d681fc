import { describe, expect, it } from "vitest";
import { listeningInodes, parseVmRss } from "./serving-process";

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0CF8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 424242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0CF8 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 434343 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:0CF9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 444444 1 0000000000000000 100 0 0 10 0`;

describe("listeningInodes", () => {
  it("finds the listening socket of the port, not its connections", () => {
    expect(listeningInodes(TCP, 3320)).toEqual(["424242"]);
    expect(listeningInodes(TCP, 3321)).toEqual(["444444"]);
    expect(listeningInodes(TCP, 3322)).toEqual([]);
  });
});

describe("parseVmRss", () => {
  it("reads kB into bytes", () => {
    expect(parseVmRss("Name:\tnode\nVmRSS:\t  123456 kB\nThreads: 11\n")).toBe(123456 * 1024);
    expect(parseVmRss("Name:\tnode\n")).toBeNaN();
  });
});
