/**
 * Draws the app's icons from app/icon.svg into public/ (the files are committed; run again after
 * changing the SVG): favicon.ico (16, 32 and 48 px PNGs in one ICO), apple-touch-icon.png (180 px,
 * square and opaque: iOS rounds the corners itself and would fill transparent ones with black),
 * icon-192.png and icon-512.png (the web app manifest's, app/manifest.ts).
 *   npx tsx scripts/make-icons.ts
 * Chromium (the tests' own, playwright.config.ts) does the drawing: no image library needed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunch } from "../playwright.config";

const ROOT = path.resolve(__dirname, "..");
const svg = readFileSync(path.join(ROOT, "app/icon.svg"), "utf8");
// The same drawing with square corners, for iOS.
const squareSvg = svg.replace(/(<rect width="32" height="32") rx="\d+"/, "$1");

async function png(page: Page, source: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  const src = `data:image/svg+xml;base64,${Buffer.from(source).toString("base64")}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/** An ICO holding PNG images (as browsers and Windows since Vista read them): a 6-byte header, a 16-byte entry per image, the images. */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 = 256)
    e.writeUInt8(size >= 256 ? 0 : size, 1); // height
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

async function main() {
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const out = (name: string, data: Buffer) => {
      writeFileSync(path.join(ROOT, "public", name), data);
      console.log(`public/${name}: ${data.length} bytes`);
    };
    out("favicon.ico", ico(await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(page, svg, size) })))));
    out("apple-touch-icon.png", await png(page, squareSvg, 180));
    out("icon-192.png", await png(page, svg, 192));
    out("icon-512.png", await png(page, svg, 512));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
