// Open an echodiff HTML report in headless Chromium and check it works:
// echo highlights exist on both sides and in the table and link to each other, hovering and
// clicking highlight the counterpart, the threshold slider hides echoes, and nothing logs an
// error. With --passages, the report must hold reused passages, and each must link both ways:
// its tags in the two texts lead to its entry in the passage section, and the entry's links
// scroll both texts to it. Takes a screenshot.
// Usage: node check.js REPORT.html SCREENSHOT.png [--passages]
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const [report, shot, flag] = process.argv.slice(2);
const wantPassages = flag === '--passages';
if (!report || !shot || (flag && !wantPassages)) {
  console.error('usage: node check.js REPORT.html SCREENSHOT.png [--passages]');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

function fail(msg) {
  throw new Error(msg);
}

// Poll `fn(arg)` in the page until `ok` holds of its result or `ms` pass; returns the last
// result. (page.waitForFunction slows smooth scrolling to a crawl in headless Chromium, so
// poll from here.)
async function until(page, fn, arg, ok, ms) {
  let got;
  for (let waited = 0; waited <= ms; waited += 100) {
    got = await page.evaluate(fn, arg);
    if (ok(got)) break;
    await page.waitForTimeout(100);
  }
  return got;
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

    let passageNote = '';
    if (wantPassages) {
      passageNote = await checkPassages(page);
    }

    await page.mouse.move(0, 0);
    await page.screenshot({ path: shot, fullPage: true });
    if (requests.length) fail(`the page made network requests: ${requests.join(', ')}`);
    if (errors.length) fail(errors.join('\n'));
    console.log(`ok: ${total} echoes linked across both texts and the table${passageNote}; screenshot ${shot}`);
  } finally {
    await browser.close();
  }
}

// Passages link both ways: text tags -> section entry, section links -> text tags; hovering
// lights the counterpart; the links scroll both columns to the passage and pin it.
async function checkPassages(page) {
  const found = await page.evaluate(() => {
    const entries = [...document.querySelectorAll('#ed-passages details.ed-passage[data-passage]')]
      .map((d) => d.getAttribute('data-passage'));
    const inText = (side) => new Set([...document.querySelectorAll(`#ed-text-${side} .ed-psg[data-passage]`)]
      .flatMap((el) => el.getAttribute('data-passage').split(' ')));
    const problems = [];
    const left = inText('left');
    const right = inText('right');
    for (const id of entries) {
      for (const side of ['left', 'right']) {
        const tag = document.getElementById(`ed-${id}-${side}`);
        if (!tag || !tag.closest(`#ed-text-${side}`)) problems.push(`${id} has no tag in the ${side} text`);
        else if (document.querySelector(tag.getAttribute('href')) !== document.getElementById(`ed-${id}`)) {
          problems.push(`${id}'s ${side} tag does not lead to its entry`);
        }
        const link = document.querySelector(`#ed-${id} a.ed-plink[href="#ed-${id}-${side}"]`);
        if (!link) problems.push(`${id}'s entry has no link to the ${side} text`);
        if (!(side === 'left' ? left : right).has(id)) problems.push(`${id} is not marked in the ${side} text`);
      }
    }
    for (const id of [...left, ...right]) {
      if (!entries.includes(id)) problems.push(`passage ${id} in a text has no entry`);
    }
    return { entries, problems };
  });
  if (found.entries.length === 0) fail('no passages in the report');
  if (found.problems.length) fail(found.problems.join('\n'));
  const id = found.entries[0];

  // hovering the passage on the left lights it on the right
  // (through an echo inside it: a wrapper running over several lines has no one point of its own)
  await page.hover(`#ed-text-left .ed-psg[data-passage~="${id}"] mark >> nth=0`);
  const lit = await page.$$eval(`#ed-text-right .ed-psg.ed-phot[data-passage~="${id}"]`, (els) => els.length);
  if (lit === 0) fail(`hovering ${id} on the left does not light it on the right`);
  await page.mouse.move(0, 0);

  // the tag in the right text opens the passage's entry and brings it into view
  await page.click(`#ed-${id}-right`);
  const shown = await until(page, (i) => {
    const d = document.getElementById(`ed-${i}`);
    const r = d.getBoundingClientRect();
    // (scrolling is by whole pixels, so an entry at a fractional offset lands up to a pixel above 0)
    return d.open && r.top > -1 && r.top < window.innerHeight;
  }, id, Boolean, 3000);
  if (!shown) fail(`the tag of ${id} does not open and show its entry`);

  // the entry's link scrolls both texts to the passage and pins it
  // (from the far end of both texts, so each column has to scroll back to it)
  await page.$$eval('.ed-text', (cols) => cols.forEach((c) => { c.scrollTop = c.scrollHeight; }));
  await page.click(`#ed-${id} a.ed-plink[href="#ed-${id}-left"]`);
  const inView = await until(page, (i) => ['left', 'right'].map((side) => {
    const column = document.getElementById(`ed-text-${side}`).getBoundingClientRect();
    const tag = document.getElementById(`ed-${i}-${side}`).getBoundingClientRect();
    // (a pixel of slack: scroll positions are whole pixels, layout positions are not)
    const ok = tag.top > column.top - 1 && tag.bottom < column.bottom + 1 && column.top > -1 && column.top < window.innerHeight;
    return { side, ok, column: [column.top, column.bottom], tag: [tag.top, tag.bottom] };
  }), id, (sides) => sides.every((x) => x.ok), 3000);
  if (!inView.every((x) => x.ok)) {
    fail(`the link of ${id} does not bring it into view in both texts: ${JSON.stringify(inView)}`);
  }
  for (const side of ['left', 'right']) {
    const pinned = await page.$$eval(`#ed-text-${side} .ed-psg.ed-ppinned[data-passage~="${id}"]`, (els) => els.length);
    if (pinned === 0) fail(`the link of ${id} does not pin it in the ${side} text`);
  }
  return `; ${found.entries.length} passage(s) linked both ways`;
}

main().catch((e) => {
  console.error(`check-html: ${e.message}`);
  process.exit(1);
});
