// place.js BOOK.epub — where the pages that are pictures or blocks sit:
// the cover, every full-page illustration and the 奥付, measured in two
// renderings that are not epub.js:
//
//   - plain: each document opened by itself in Chromium, as a browser or
//     a reader without a paginator shows it, at 600×800 and 1200×800;
//   - foliate: the book opened in foliate-js (the engine of the Foliate
//     reader; it paginates its own way), at 600×800.
//
// It prints a JSON list on stdout, one entry a measured thing:
// {engine, width, height, what, href, page: {left, top, right, bottom},
// box: {left, top, right, bottom}} in CSS pixels of the viewport, box the
// drawn image (or the 奥付's text) and page the area the engine shows it
// in. hanmoto's Go tests read it and decide what is centred.
'use strict';
const puppeteer = require('puppeteer-core');
const http = require('http');
const fs = require('fs');
const path = require('path');
const JSZip = require('jszip');

const file = process.argv[2];
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const foliateDir = path.dirname(require.resolve('foliate-js/view.js'));

const types = {'.js': 'text/javascript', '.xhtml': 'application/xhtml+xml', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.html': 'text/html', '.epub': 'application/epub+zip'};

// the measuring, run in a document: the drawn boxes of the cover's image,
// each illustration's image and the 奥付's text, in the top window's pixels
// (off is the document's frame's offset there)
const measure = (doc, off) => {
  const out = [];
  const rect = el => {
    const r = el.getBoundingClientRect();
    return {left: r.left + off.left, top: r.top + off.top, right: r.right + off.left, bottom: r.bottom + off.top};
  };
  const picture = el => el.querySelector('svg image, img') || el;
  for (const el of doc.querySelectorAll('div.cover')) out.push({what: 'cover', box: rect(picture(el))});
  // an illustration is a page within its document: frame is the box it
  // is to be centred in
  for (const el of doc.querySelectorAll('div.illustration')) out.push({what: 'illustration', box: rect(picture(el)), frame: rect(el)});
  for (const el of doc.querySelectorAll('div.colophon')) {
    // the text's own extent, not the block's (which may be the page)
    const range = doc.createRange();
    range.selectNodeContents(el);
    const rs = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    if (!rs.length) continue;
    out.push({what: 'colophon', box: {
      left: Math.min(...rs.map(r => r.left)) + off.left, right: Math.max(...rs.map(r => r.right)) + off.left,
      top: Math.min(...rs.map(r => r.top)) + off.top, bottom: Math.max(...rs.map(r => r.bottom)) + off.top}});
  }
  return out;
};

(async () => {
  const data = fs.readFileSync(file);
  const zip = await JSZip.loadAsync(data);
  const server = http.createServer(async (req, res) => {
    const url = decodeURIComponent(req.url.split('?')[0]);
    let body = null;
    if (url === '/book.epub') body = data;
    else if (url === '/foliate.html') body = '<!DOCTYPE html><html><body style="margin:0"></body></html>';
    else if (url.startsWith('/foliate/')) {
      const p = path.join(foliateDir, path.normalize(url.slice('/foliate/'.length)));
      if (p.startsWith(foliateDir) && fs.existsSync(p)) body = fs.readFileSync(p);
    } else if (url.startsWith('/epub/') && zip.file(url.slice('/epub/'.length))) {
      body = await zip.file(url.slice('/epub/'.length)).async('nodebuffer');
    }
    if (body === null) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, {'Content-Type': types[path.extname(url)] || 'application/octet-stream'});
    res.end(body);
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--font-render-hinting=none'],
  });
  const results = [];
  const errors = [];
  try {
    const container = await zip.file('META-INF/container.xml').async('string');
    const opfPath = /full-path="([^"]+)"/.exec(container)[1];
    const opf = await zip.file(opfPath).async('string');
    const dir = path.posix.dirname(opfPath);
    const items = {};
    for (const m of opf.matchAll(/<item\b[^>]*>/g)) {
      const id = /id="([^"]+)"/.exec(m[0])[1];
      items[id] = /href="([^"]+)"/.exec(m[0])[1];
    }
    const spine = [...opf.matchAll(/<itemref\b[^>]*idref="([^"]+)"/g)].map(m => path.posix.join(dir, items[m[1]]));

    // plain Chromium, a document alone
    for (const [width, height] of [[600, 800], [1200, 800]]) {
      const page = await browser.newPage();
      page.on('pageerror', e => errors.push(String(e)));
      await page.setViewport({width, height});
      for (const href of spine) {
        await page.goto(`${base}/epub/${href}`, {waitUntil: 'load'});
        const found = await page.evaluate(`(${measure.toString()})(document, {left: 0, top: 0})`);
        for (const f of found) {
          // an illustration inside the text is a page of the scrolled
          // document: its own box, which the test holds to the viewport's size
          const page = f.frame || {left: 0, top: 0, right: width, bottom: height};
          results.push({engine: 'plain', width, height, href, page, ...f});
        }
      }
      await page.close();
    }

    // foliate-js
    const [width, height] = [600, 800];
    const page = await browser.newPage();
    page.on('pageerror', e => errors.push(String(e)));
    await page.setViewport({width, height});
    await page.goto(`${base}/foliate.html`);
    await page.evaluate(async (width, height) => {
      await import('/foliate/view.js');
      const view = document.createElement('foliate-view');
      view.style.cssText = `display:block;width:${width}px;height:${height}px`;
      document.body.append(view);
      await view.open('/book.epub');
      view.renderer.setAttribute('flow', 'paginated');
      view.renderer.setAttribute('margin', '0px');
      view.renderer.setAttribute('gap', '0%');
      // one page at a time: a vertical book in portrait is otherwise two
      // pages stacked, a spread
      view.renderer.setAttribute('max-column-count', '1');
      window.view = view;
    }, width, height);
    for (let index = 0; index < spine.length; index++) {
      const found = await page.evaluate(async (index, measureSrc) => {
        const measure = eval(measureSrc);
        const r = window.view.renderer;
        await r.goTo({index});
        await new Promise(res => setTimeout(res, 50));
        const out = [];
        // every page of the section: what each shows, where
        for (let turn = 0; turn < 400; turn++) {
          const contents = r.getContents();
          if (!contents.length || contents[0].index !== index) break;
          for (const {doc} of contents) {
            const fr = doc.defaultView.frameElement.getBoundingClientRect();
            for (const f of measure(doc, {left: fr.left, top: fr.top})) {
              const b = f.box;
              // shown on this page: most of it inside the view
              if (b.right > 1 && b.left < innerWidth - 1 && b.bottom > 1 && b.top < innerHeight - 1) out.push(f);
            }
          }
          const before = JSON.stringify(out.length) + r.start + ':' + r.end;
          if (r.atEnd) break;
          await r.next();
          await new Promise(res => setTimeout(res, 20));
          const c2 = r.getContents();
          if (!c2.length || c2[0].index !== index) break;
          if (before === JSON.stringify(out.length) + r.start + ':' + r.end) break;
        }
        return out;
      }, index, `(${measure.toString()})`);
      const seen = new Set();
      for (const f of found) {
        const key = f.what + JSON.stringify(f.box);
        if (seen.has(key)) continue;
        seen.add(key);
        results.push({engine: 'foliate', width, height, href: spine[index], page: {left: 0, top: 0, right: width, bottom: height}, ...f});
      }
    }
    await page.close();
  } catch (e) {
    errors.push(String(e && e.stack || e));
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(JSON.stringify({results, errors}, null, 1) + '\n');
  process.exit(errors.length ? 1 : 0);
})();
