import { chromium } from "playwright-core";
const [url] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-background-networking","--no-first-run"] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.goto(url); await page.waitForTimeout(5000);
console.log(await page.evaluate(() => [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 15).map(e => `${e.tagName}.${String(e.className).slice(0,60)} right=${Math.round(e.getBoundingClientRect().right)} ${e.textContent.slice(0,40)}`)));
await browser.close();
