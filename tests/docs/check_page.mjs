// Opens the built reference docs in headless Chromium (Debian's, driven by playwright-core) and prints
// what tests/docs/test_docs.py checks, as JSON: console errors, page errors, requests that would have
// left the machine, the overview's tables, and which operation pages rendered. Writes screenshots.
// Usage: node tests/docs/check_page.mjs PAGE.html OUT_DIR OPERATIONS_JSON
//   OPERATIONS_JSON: [{"route": "ccm/uploadcontacts", "summary": "..."}, ...]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [pagePath, outDir, operationsJson] = process.argv.slice(2);
if (!pagePath || !outDir || !operationsJson) throw new Error("usage: check_page.mjs PAGE.html OUT_DIR OPERATIONS_JSON");
const operations = JSON.parse(operationsJson);
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exotel-docs-chromium-"));
// Without these flags Chromium tries to reach Google (sync, component updates, QUIC, first run).
const args = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args,
  viewport: { width: 1280, height: 1600 },
  timeout: 30_000,
});
const consoleErrors = [];
const pageErrors = [];
const external = [];
try {
  // Anything but the file itself (and data:/blob: URLs) would be a network fetch: record and refuse it.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  const url = `file://${path.resolve(pagePath)}`;
  await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  await page.waitForSelector("[data-section-id]", { timeout: 30_000 });
  const tables = await page.evaluate(() =>
    [...document.querySelectorAll("table")].map((table) => {
      const heading = document.evaluate(
        "preceding::*[self::h1 or self::h2 or self::h3 or self::h4][1]",
        table,
        null,
        XPathResult.FIRST_ORDERED_NODE_TYPE,
        null,
      ).singleNodeValue;
      return {
        heading: heading ? heading.textContent.trim() : null,
        header: [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim()),
        rows: [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((td) => td.textContent.trim())),
      };
    }),
  );
  await page.screenshot({ path: path.join(outDir, "screenshot.png") });
  const rendered = {};
  for (const { route, summary } of operations) {
    await page.goto(`${url}#/${route}`, { waitUntil: "load", timeout: 30_000 });
    rendered[route] = await page
      .waitForFunction(
        (text) => [...document.querySelectorAll("h1, h2")].some((h) => h.textContent.trim() === text),
        summary,
        { timeout: 10_000 },
      )
      .then(() => true, () => false);
  }
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(window.scrollTo(0, 0)))));
  // Under load Chromium can capture the frame before Redoc repaints after the jump: give it up to five
  // seconds to paint something (the test still fails a blank final picture).
  const operationShot = path.join(outDir, "screenshot-operation.png");
  for (let tries = 0; tries < 5; tries += 1) {
    const picture = await page.screenshot({ path: operationShot });
    if (picture.length > 20_000) break;
    await page.waitForTimeout(1_000);
  }
  console.log(JSON.stringify({ consoleErrors, pageErrors, external, tables, rendered }));
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
