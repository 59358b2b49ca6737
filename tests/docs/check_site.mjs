// Opens every page of the built docs site in headless Chromium (Debian's, driven by playwright-core), served
// at BASE_URL (a loopback server started by tests/docs/test_site.py), and prints what that test checks, as
// JSON: per page, console errors, page errors and requests that would have left the machine (anything not
// under BASE_URL); then the site search's results for QUERY. Writes screenshots of the home page and of
// the search results into OUT_DIR.
// Usage: node tests/docs/check_site.mjs SITE_DIR BASE_URL OUT_DIR QUERY [SKIP_PAGE...]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [siteDir, baseUrl, outDir, query, ...skip] = process.argv.slice(2);
if (!siteDir || !baseUrl?.endsWith("/") || !outDir || !query)
  throw new Error("usage: check_site.mjs SITE_DIR BASE_URL/ OUT_DIR QUERY [SKIP_PAGE...]");
const root = path.resolve(siteDir);
const pages = fs
  .readdirSync(root, { recursive: true })
  .filter((name) => name.endsWith(".html") && !skip.includes(name))
  .sort();
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exotel-site-chromium-"));
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
  viewport: { width: 1280, height: 900 },
  timeout: 30_000,
});
const result = { pages: {}, search: null };
let current = null;
try {
  // Anything but the site's own pages (and data:/blob: URLs) would be a network fetch: record and refuse it.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    result.pages[current]?.external.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") result.pages[current]?.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => result.pages[current]?.pageErrors.push(String(error)));
  for (const name of pages) {
    current = name;
    result.pages[name] = { consoleErrors: [], pageErrors: [], external: [], title: null };
    await page.goto(new URL(name.split(path.sep).join("/"), baseUrl).href, { waitUntil: "load", timeout: 30_000 });
    result.pages[name].title = await page.title();
  }
  current = "index.html";
  await page.goto(baseUrl, { waitUntil: "load", timeout: 30_000 });
  await page.screenshot({ path: path.join(outDir, "site-home.png") });
  // The search box of mkdocs-material (a form in the header at this width): type, wait for the results.
  // Typed key by key: the theme reads key events, and a filled value set before its index loaded is not
  // searched again.
  await page.locator("input.md-search__input").click();
  await page.keyboard.type(query, { delay: 20 });
  const items = page.locator(".md-search-result__item");
  const found = await items
    .first()
    .waitFor({ timeout: 15_000 })
    .then(() => true, () => false);
  result.search = {
    query,
    found,
    results: found
      ? await page.$$eval(".md-search-result__item a.md-search-result__link", (links) =>
          links.map((a) => ({ href: a.getAttribute("href"), title: a.querySelector("h1, h2")?.textContent.trim() ?? "" })),
        )
      : [],
    meta: await page.locator(".md-search-result__meta").textContent().catch(() => null),
  };
  await page.screenshot({ path: path.join(outDir, "site-search.png") });
  console.log(JSON.stringify(result));
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
