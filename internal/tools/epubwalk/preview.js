// preview.js URL MANUSCRIPT EPISODE FIRSTLINE [--shot FILE] — drives
// `hanmoto preview` in headless Chromium the way an author uses it: turns
// pages until the episode's first line shows, edits the episode and waits
// for the edit to show, breaks it and waits for the positioned error, mends
// it, clicks a lint finding. Prints a JSON report for hanmoto's Go test.
'use strict';
const puppeteer = require('puppeteer-core');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
let shot = '';
const si = args.indexOf('--shot');
if (si >= 0) { shot = args[si + 1]; args.splice(si, 2); }
const [url, dir, episode, firstLine] = args;
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const report = { errors: [], steps: [] };
const step = (name, ok, detail) => report.steps.push({ name, ok, detail });

(async () => {
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--font-render-hinting=none'] });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => report.errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') report.errors.push(m.text()); });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url);
    // "file 2 of 9 · page 1 of 3" or 「ファイル 2/9・ページ 1/3」: the header says what its numbers count
    const whereRe = /^(file \d+ of \d+ · page \d+ of \d+|ファイル \d+\/\d+・ページ \d+\/\d+)$/;
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('where').textContent), { timeout: 10000 }, whereRe.source);
    // the text on the page shown: the iframe's elements inside its box
    const shown = () => page.evaluate(() => {
      const f = document.getElementById('page');
      const d = f.contentDocument;
      const w = f.clientWidth, h = f.clientHeight;
      const out = [];
      for (const el of d.querySelectorAll('p, h1, h2, h3, h4')) {
        const r = el.getBoundingClientRect();
        if (r.right > 0 && r.left < w && r.bottom > 0 && r.top < h && el.textContent.trim()) out.push(el.textContent.trim());
      }
      return { where: document.getElementById('where').textContent, text: out.join('\n'),
        mode: getComputedStyle(d.documentElement).writingMode };
    });
    // press a key or click, and wait until the page shown says it changed
    const where = () => page.evaluate(() => document.getElementById('where').textContent);
    const settle = async (act) => {
      const before = await where();
      await act();
      try {
        await page.waitForFunction((b) => document.getElementById('where').textContent !== b, { timeout: 3000 }, before);
      } catch (e) { /* no change: the caller says what it expected */ }
      await new Promise((r) => setTimeout(r, 50));
    };
    let s = await shown();
    step('opened', whereRe.test(s.where), s.where);
    const head = await page.evaluate(() => ({ lang: document.documentElement.lang, whereTitle: document.getElementById('where').title,
      built: document.getElementById('built').textContent, builtTitle: document.getElementById('built').title }));
    const ja = head.lang === 'ja';
    step('the header explains its numbers', head.whereTitle !== '' && head.builtTitle !== '' &&
      (ja ? /^組版 \d+(\.\d+)?m?s（.+ に保存を反映）$/ : /^built in \d+(\.\d+)?m?s \(saved at .+\)$/).test(head.built), JSON.stringify(head));
    step('vertical', s.mode === 'vertical-rl', s.mode);
    // turn pages with the left arrow until the episode's first line shows
    const seen = [];
    let found = false;
    for (let k = 0; k < 60 && !found; k++) {
      await settle(() => page.keyboard.press('ArrowLeft'));
      s = await shown();
      seen.push(s.where);
      found = s.text.includes(firstLine);
    }
    step('turned to the episode', found, seen.join(' | '));
    step('pages turned', new Set(seen).size > 3, `${new Set(seen).size} different pages`);
    if (shot) await page.screenshot({ path: shot });
    // back one page and forward again: the right arrow goes back
    const before = (await shown()).where;
    await settle(() => page.keyboard.press('ArrowRight'));
    const back = (await shown()).where;
    step('right arrow goes back', back !== before, `${before} → ${back}`);
    await settle(() => page.keyboard.press('ArrowLeft'));
    // a click on the left half of a vertical page turns forward
    const box = await (await page.$('#page')).boundingBox();
    const atClick = (await shown()).where;
    await settle(() => page.mouse.click(box.x + box.width * 0.2, box.y + box.height / 2));
    const afterClick = (await shown()).where;
    step('a click on the left turns forward', afterClick !== atClick, `${atClick} → ${afterClick}`);
    await settle(() => page.mouse.click(box.x + box.width * 0.8, box.y + box.height / 2));
    step('a click on the right turns back', (await shown()).where === atClick, (await shown()).where);
    // a swipe to the right turns a vertical page forward, to the left back
    const swipe = async (from, dx) => {
      const cdp = await page.createCDPSession();
      const y = box.y + box.height / 2, x0 = box.x + box.width * from;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] });
      for (let k = 1; k <= 4; k++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + dx * k / 4, y }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await cdp.detach();
    };
    const atSwipe = (await shown()).where;
    await settle(() => swipe(0.3, 120));
    const afterSwipe = (await shown()).where;
    step('a swipe to the right turns forward', afterSwipe !== atSwipe, `${atSwipe} → ${afterSwipe}`);
    await settle(() => swipe(0.7, -120));
    step('a swipe to the left turns back', (await shown()).where === atSwipe, (await shown()).where);
    // larger text, another device
    const fontBefore = await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById('page').contentDocument.documentElement).fontSize));
    await page.click('#larger');
    await new Promise((r) => setTimeout(r, 150));
    const fontAfter = await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById('page').contentDocument.documentElement).fontSize));
    step('A+ makes the text larger', fontAfter > fontBefore, `${fontBefore} → ${fontAfter} px`);
    await page.click('#smaller');
    await page.select('#device', '390x700');
    await new Promise((r) => setTimeout(r, 150));
    step('the phone size', await page.evaluate(() => document.getElementById('page').clientWidth === 390), '');
    await page.select('#device', '540x720');
    await new Promise((r) => setTimeout(r, 150));
    // the 目次's link to the second episode turns to it
    await settle(() => page.evaluate(() => goTo(state.spine.find((d) => /toc\.xhtml$/.test(d.href)).href, '', 0)));
    const toc = await (await page.$('#page')).contentFrame();
    // the link to ep0002: at its file's start (the file holds it), or
    // at the fragment inside a file
    const link = (await toc.evaluateHandle(async () => {
      for (const a of document.querySelectorAll('a')) {
        if (a.hash === '#ep0002') return a;
        if (!a.hash && (await (await fetch(a.href)).text()).includes('id="ep0002"')) return a;
      }
      return null;
    })).asElement();
    if (link) {
      await settle(() => link.click());
      const there = await page.evaluate(() => {
        const d = document.getElementById('page').contentDocument;
        const el = d.getElementById('ep0002');
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.right > 0 && r.left < d.defaultView.innerWidth && r.bottom > 0 && r.top < d.defaultView.innerHeight;
      });
      step('a link of the 目次 turns to its episode', there, (await shown()).where);
    } else step('a link of the 目次', false, 'no link to ep0002');
    // the first line's page again
    for (let k = 0; k < 20 && !(await shown()).text.includes(firstLine); k++) {
      await settle(() => page.keyboard.press('ArrowRight'));
    }
    // an edit shows, at the same place
    const file = path.join(dir, episode);
    const original = fs.readFileSync(file, 'utf8');
    // the edit also brings a lint finding: no 。 before 」
    const mark = '「編集がすぐに見える確認の一行。」';
    const t0 = Date.now();
    fs.writeFileSync(file, original.replace(firstLine, firstLine + mark));
    let ms = -1;
    for (let k = 0; k < 250; k++) {
      await new Promise((r) => setTimeout(r, 20));
      if ((await shown()).text.includes(mark)) { ms = Date.now() - t0; break; }
    }
    step('edit shows', ms >= 0, `${ms} ms`);
    report.editMs = ms;
    // a broken episode: a positioned error on the page, the book still shown
    fs.writeFileSync(file, original + '\n[罠](javascript:alert(1))\n');
    let err = '';
    for (let k = 0; k < 170 && !err; k++) {
      await new Promise((r) => setTimeout(r, 30));
      err = await page.evaluate(() => { const e = document.getElementById('error'); return e.hidden ? '' : document.getElementById('error-text').textContent; });
    }
    step('error shows', /^chapters\/.+:\d+:\d+: /.test(err), err);
    // in the command's language, as build says it
    const said = err.replace(/^chapters\/.+?:\d+:\d+: /, '');
    step('error in the page\'s language', ja ? /[ぁ-ん]/.test(said) : /javascript/.test(said) && !/[ぁ-ん]/.test(said), said);
    // the error box leaves the findings readable: it overlaps neither the
    // 校正 heading nor the list
    const overlap = await page.evaluate(() => {
      const a = document.getElementById('error').getBoundingClientRect();
      return [...document.querySelectorAll('aside h2, #lint')].some((el) => {
        const b = el.getBoundingClientRect();
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      });
    });
    step('error leaves the findings readable', !overlap, '');
    // mended: the error goes
    fs.writeFileSync(file, original);
    let gone = false;
    for (let k = 0; k < 170 && !gone; k++) {
      await new Promise((r) => setTimeout(r, 30));
      gone = await page.evaluate(() => document.getElementById('error').hidden);
    }
    step('error goes when mended', gone, '');
    report.lint = await page.evaluate(() => document.querySelectorAll('#lint li').length);
    // the edit's lint finding, clicked from the first page, brings its line
    for (let k = 0; k < 5; k++) await settle(() => page.keyboard.press('ArrowRight'));
    fs.writeFileSync(file, original.replace(firstLine, firstLine + mark));
    let item = null;
    for (let k = 0; k < 170 && !item; k++) {
      await new Promise((r) => setTimeout(r, 30));
      item = await page.evaluateHandle(() => [...document.querySelectorAll('#lint li')].find((li) => /punct-before-close/.test(li.textContent)) || null);
      if (!(await item.evaluate((x) => x !== null))) item = null;
    }
    if (item) {
      const from = (await shown()).where;
      await settle(() => item.click());
      const to = await shown();
      step('lint finding jumps to its line', to.text.includes(mark), `${from} → ${to.where}`);
    } else step('lint finding listed', false, 'no punct-before-close finding');
    fs.writeFileSync(file, original);
  } catch (e) {
    report.errors.push(String(e && e.stack || e));
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report, null, 1));
})();
