// Open an echodiff HTML report in headless Chromium and check it works:
// echo highlights exist on both sides and in the table and link to each other, hovering and
// clicking highlight the counterpart, the threshold slider hides echoes, and nothing logs an
// error. Takes a screenshot. Usage: node check.js REPORT.html SCREENSHOT.png
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const [report, shot] = process.argv.slice(2);
if (!report || !shot) {
  console.error('usage: node check.js REPORT.html SCREENSHOT.png');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

function fail(msg) {
  throw new Error(msg);
}

async function main() {
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  const requests = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto('file://' + path.resolve(report));

    const links = await page.evaluate(() => {
      const ids = (sel) => new Set([...document.querySelectorAll(sel)]
        .flatMap((el) => el.getAttribute('data-echo').split(' ')));
      return {
        left: [...ids('#ed-text-left mark[data-echo]')],
        right: [...ids('#ed-text-right mark[data-echo]')],
        table: [...ids('tr.ed-row[data-echo]')],
      };
    });
    if (links.table.length === 0) fail('no echoes in the table');
    for (const id of links.table) {
      if (!links.left.includes(id)) fail(`echo ${id} is not highlighted on the left`);
      if (!links.right.includes(id)) fail(`echo ${id} is not highlighted on the right`);
    }
    for (const id of [...links.left, ...links.right]) {
      if (!links.table.includes(id)) fail(`highlight ${id} has no row in the table`);
    }

    // hovering an echo on the left lights its counterpart on the right
    const first = links.table[0];
    await page.hover(`#ed-text-left mark[data-echo~="${first}"]`);
    const hot = await page.$$eval(`#ed-text-right mark.ed-hot[data-echo~="${first}"]`, (els) => els.length);
    if (hot === 0) fail(`hovering ${first} on the left does not highlight it on the right`);
    await page.click(`tr.ed-row[data-echo="${first}"]`);
    const pinned = await page.$$eval(`#ed-text-right mark.ed-pinned`, (els) => els.length);
    if (pinned === 0) fail('clicking a table row does not pin its echo');

    // the slider at 1.0 hides every echo below 1, then back
    const total = links.table.length;
    await page.$eval('#ed-threshold', (s) => { s.value = '1'; s.dispatchEvent(new Event('input')); });
    const hidden = await page.$$eval('tr.ed-row.ed-hidden', (els) => els.length);
    const below = await page.$$eval('tr.ed-row', (rows) => rows.filter((r) => parseFloat(r.dataset.score) < 1).length);
    if (hidden !== below) fail(`slider at 1 hid ${hidden} rows, expected ${below}`);
    await page.$eval('#ed-threshold', (s) => { s.value = s.min; s.dispatchEvent(new Event('input')); });
    const shown = await page.$eval('#ed-visible', (el) => el.textContent);
    if (shown !== String(total)) fail(`slider back at minimum shows ${shown} of ${total}`);

    await page.mouse.move(0, 0);
    await page.screenshot({ path: shot, fullPage: true });
    if (requests.length) fail(`the page made network requests: ${requests.join(', ')}`);
    if (errors.length) fail(errors.join('\n'));
    console.log(`ok: ${total} echoes linked across both texts and the table; screenshot ${shot}`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`check-html: ${e.message}`);
  process.exit(1);
});
