// walk.js BOOK.epub [WIDTH HEIGHT] — opens the book in epub.js (the engine
// behind many reading apps: it paginates with CSS columns, as Readium and
// Apple Books do) inside headless Chromium, turns every page, and prints a
// JSON report on stdout: the book's page direction, and for every page the
// spine item, the writing mode and which episodes, part titles and
// illustrations show on it. hanmoto's Go tests read the report.
//
// --shots DIR writes a PNG of the first page of each spine item, and of
// the first page holding a scene break and an illustration.
'use strict';
const puppeteer = require('puppeteer-core');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
let shots = '';
const i = args.indexOf('--shots');
if (i >= 0) {
  shots = args[i + 1];
  args.splice(i, 2);
}
const file = args[0];
const width = parseInt(args[1] || '600', 10);
const height = parseInt(args[2] || '800', 10);
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    protocolTimeout: 60 * 60 * 1000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    await page.setViewport({width, height});
    await page.setContent(`<html><body style="margin:0;background:#fff"><div id="v" style="width:${width}px;height:${height}px"></div></body></html>`);
    await page.addScriptTag({path: require.resolve('jszip/dist/jszip.min.js')});
    await page.addScriptTag({path: require.resolve('epubjs/dist/epub.min.js')});
    const b64 = fs.readFileSync(file).toString('base64');
    await page.evaluate(async (b64, width, height) => {
      const bin = Uint8Array.from(atob(b64), c => c.charCodeAt(0)).buffer;
      window.book = ePub(bin);
      window.rendition = window.book.renderTo('v', {width, height, flow: 'paginated', spread: 'none'});
      await window.rendition.display();
    }, b64, width, height);

    // one page: what it shows (defined in the page, so that a walk without
    // screenshots runs there whole, without a round trip per page)
    await page.evaluate((width, height) => { window.look = () => {
      const loc = window.rendition.currentLocation();
      const seen = new Set();
      let mode = '', tcy = 0, tcyUpright = 0, sceneBreak = false, illustration = false, coverOffset = -1, illustrationOffset = -1;
      const sideways = [];
      // each あ゛ shown: the cells its span takes along the line, and the
      // kana's size across the line, both in em (1 and 1 when set whole)
      const dakuten = [];
      // the heaviest computed weight of a heading shown; any 青空文庫 note
      // ［＃…］ in the page's text (they are never printed)
      let headingWeight = 0;
      const notes = [];
      for (const c of window.rendition.getContents()) {
        const doc = c.document;
        const fr = c.window.frameElement.getBoundingClientRect();
        mode = c.window.getComputedStyle(doc.documentElement).writingMode;
        const visible = el => {
          for (const r of el.getClientRects()) {
            const L = fr.left + r.left, R = fr.left + r.right, T = fr.top + r.top, B = fr.top + r.bottom;
            if (R > 1 && L < width - 1 && B > 1 && T < height - 1 && (Math.min(R, width) - Math.max(L, 0)) * (Math.min(B, height) - Math.max(T, 0)) > 4) {
              return true;
            }
          }
          return false;
        };
        for (const el of doc.querySelectorAll('section.episode, section.part')) {
          // an episode shows when any of its own text does, not its box
          const parts = el.querySelectorAll('h1, h2, h3, p, div.illustration');
          let shown = false;
          for (const p of parts) {
            if (visible(p)) { shown = true; break; }
          }
          if (shown) seen.add(el.id);
        }
        for (const el of doc.querySelectorAll('span.tcy')) {
          if (visible(el)) {
            tcy++;
            if (c.window.getComputedStyle(el).textCombineUpright === 'all') tcyUpright++;
          }
        }
        for (const el of doc.querySelectorAll('p.scene-break')) if (visible(el)) sceneBreak = true;
        for (const el of doc.querySelectorAll('div.illustration')) if (visible(el)) illustration = true;
        // the cover's picture: how far its middle stands from the page's,
        // as a fraction of the page's width
        // a vertical book's front pages and headings: any half-width digit,
        // ! or ? shown outside 縦中横 lies on its side (an ISBN is a code)
        if (mode === 'vertical-rl') {
          for (const el of doc.querySelectorAll('nav.toc, div.titlepage, div.colophon, h1, h2, h3, h4, h5, h6')) {
            const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const p = n.parentElement;
              if (!/[0-9!?]/.test(n.data) || p.closest('span.tcy') || /ISBN/.test(p.textContent) || !visible(p)) continue;
              sideways.push(n.data.trim());
            }
          }
        }
        for (const el of doc.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
          if (visible(el)) headingWeight = Math.max(headingWeight, parseInt(c.window.getComputedStyle(el).fontWeight, 10));
        }
        if (doc.body) {
          const m = doc.body.textContent.match(/［＃[^］]*］?/);
          if (m) notes.push(m[0]);
        }
        for (const el of doc.querySelectorAll('span.dakuten')) {
          if (!visible(el)) continue;
          const em = parseFloat(c.window.getComputedStyle(el).fontSize);
          const r = el.getBoundingClientRect();
          const range = doc.createRange();
          range.selectNodeContents(el.firstChild);
          const k = range.getBoundingClientRect();
          const vertical = mode === 'vertical-rl';
          const along = vertical ? r.height : r.width;
          const kana = vertical ? k.width : k.height;
          dakuten.push([Math.round(100 * along / em) / 100, Math.round(100 * kana / em) / 100]);
        }
        for (const el of doc.querySelectorAll('div.cover image, div.cover img')) {
          if (!visible(el)) continue;
          const r = el.getBoundingClientRect();
          coverOffset = Math.abs(fr.left + (r.left + r.right) / 2 - width / 2) / width;
        }
        for (const el of doc.querySelectorAll('div.illustration image, div.illustration img')) {
          if (!visible(el)) continue;
          const r = el.getBoundingClientRect();
          illustrationOffset = Math.max(illustrationOffset, Math.abs(fr.left + (r.left + r.right) / 2 - width / 2) / width);
        }
      }
      return {
        href: loc && loc.start ? loc.start.href : '',
        atEnd: !!(loc && loc.atEnd),
        cfi: loc && loc.start ? loc.start.cfi : '',
        mode, shows: [...seen], tcy, tcyUpright, sceneBreak, illustration, coverOffset, illustrationOffset, sideways, dakuten, headingWeight, notes,
      };
    }; }, width, height);
    const look = () => page.evaluate(() => window.look());
    const turn = () => page.evaluate(async () => {
      await window.rendition.next();
      await new Promise(r => requestAnimationFrame(() => r()));
    });

    const report = {
      direction: await page.evaluate(() => window.book.packaging.metadata.direction || ''),
      spine: await page.evaluate(() => window.book.spine.spineItems.map(s => s.href)),
      pages: [],
      errors,
    };
    const shotTaken = new Set();
    const shoot = async (name) => {
      if (!shots || shotTaken.has(name)) return;
      shotTaken.add(name);
      fs.mkdirSync(shots, {recursive: true});
      await page.screenshot({path: path.join(shots, name + '.png'), clip: {x: 0, y: 0, width, height}});
    };
    if (!shots) {
      // the whole walk in the page
      const r = await page.evaluate(async () => {
        const pages = [];
        let last = '', still = 0, stuck = '';
        for (let n = 0; n < 50000; n++) {
          const p = window.look();
          if (p.cfi === last) {
            if (++still >= 3) {
              const spine = window.book.spine.spineItems;
              stuck = !p.atEnd && p.href !== spine[spine.length - 1].href ? p.href : '';
              break;
            }
          } else {
            still = 0;
            last = p.cfi;
            pages.push(p);
            if (p.atEnd) break;
          }
          await window.rendition.next();
          await new Promise(r => requestAnimationFrame(() => r()));
        }
        return {pages, stuck};
      });
      report.pages = r.pages;
      report.stuck = r.stuck;
      process.stdout.write(JSON.stringify(report) + '\n');
      return;
    }
    // epub.js sometimes needs a second turn to leave a page; a page that
    // three turns do not leave is the end (or a reader stuck: reported)
    let last = '', still = 0;
    for (let n = 0; n < 50000; n++) {
      const p = await look();
      if (process.env.WALK_DEBUG) console.error(n, p.href, p.cfi, p.atEnd);
      if (p.cfi === last) {
        if (++still >= 3) {
          report.stuck = !p.atEnd && p.href !== report.spine[report.spine.length - 1] ? p.href : '';
          break;
        }
        await turn();
        continue;
      }
      still = 0;
      last = p.cfi;
      report.pages.push(p);
      const base = path.basename(p.href, '.xhtml');
      if (!report.pages.slice(0, -1).some(q => q.href === p.href)) await shoot(base);
      if (p.sceneBreak) await shoot('scene-break');
      if (p.illustration) await shoot('illustration');
      if (p.atEnd) break;
      await turn();
    }
    process.stdout.write(JSON.stringify(report) + '\n');
  } finally {
    await browser.close();
  }
})().catch(e => {
  console.error(e);
  process.exit(2);
});
