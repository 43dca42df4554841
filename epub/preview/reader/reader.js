// hanmoto preview: shows the book's documents one at a time in an iframe,
// paginated with CSS columns as EPUB readers do (a vertical book's columns
// stack downwards, one per page, and turn right to left), and follows the
// server's rebuilds. Written for hanmoto; no library.
'use strict';

const $ = (id) => document.getElementById(id);
const frame = $('page');
let state = null;          // the server's /state
let doc = 0;               // the spine document shown
let page = 0;              // its page
let pages = 1;             // how many it has
let fontScale = Number(sessionStorage.getItem('hanmoto.font') || 100);
let pending = null;        // a place to go once the document is laid out

// the page's words, in the language the command runs in
const words = {
  ja: { device: '端末', eink: '電子ペーパー 6.8インチ', phone: 'スマートフォン', tablet: 'タブレット', text: '文字', lint: '校正', smaller: '小さく', larger: '大きく',
    where: (d, n, p, ps) => `ファイル ${d}/${n}・ページ ${p}/${ps}`,
    whereTitle: '本の中の XHTML ファイル（目次・各部・本文）と、その中のページ。ページ数は選んだ端末と文字の大きさで変わります',
    built: (ms, at) => `組版 ${ms}（${at} に保存を反映）`,
    builtTitle: '最後に原稿を組み直したのにかかった時間と、その時刻。保存するたびに組み直します',
    error: 'この保存は組版できませんでした。直して保存すると消えます。表示しているのは最後に組版できた本です。' },
  en: { device: 'Device', eink: 'e-ink reader, 6.8 inch', phone: 'Phone', tablet: 'Tablet', text: 'Text', lint: 'Proofreading', smaller: 'Smaller', larger: 'Larger',
    where: (d, n, p, ps) => `file ${d} of ${n} · page ${p} of ${ps}`,
    whereTitle: "The book's XHTML file shown (contents, parts, text) and the page within it; the pages depend on the device and text size chosen",
    built: (ms, at) => `built in ${ms} (saved at ${at})`,
    builtTitle: 'How long the last rebuild took, and when: the book is rebuilt at every save',
    error: 'This save could not be built; fix it and save again. The last book that built is shown.' },
};
let t = words.ja;
function translate(lang) {
  t = words[lang] || words.en;
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t[el.dataset.t];
  $('smaller').title = t.smaller;
  $('larger').title = t.larger;
  $('where').title = t.whereTitle;
  $('built').title = t.builtTitle;
}

function size() {
  const [w, h] = $('device').value.split('x').map(Number);
  return { w, h };
}

// paginate lays the document out in columns of one page each.
function paginate() {
  const d = frame.contentDocument;
  if (!d || !d.documentElement) return;
  const { w, h } = size();
  frame.style.width = w + 'px';
  frame.style.height = h + 'px';
  let style = d.getElementById('hanmoto-preview');
  if (!style) {
    style = d.createElementNS('http://www.w3.org/1999/xhtml', 'style');
    style.id = 'hanmoto-preview';
    (d.head || d.documentElement).appendChild(style);
  }
  // a vertical book's columns are as tall as the page and stack downwards;
  // a horizontal book's are as wide and stand side by side
  const col = state.vertical ? h : w;
  // touch-action: a swipe turns a page here, never the browser's history
  style.textContent = `html { overflow: hidden; height: ${h}px; width: ${w}px; font-size: ${fontScale}%; touch-action: none; }
body { margin: 0; height: ${h}px; width: ${w}px; column-width: ${col}px; column-gap: 0; column-fill: auto; }
img { max-width: ${w}px; max-height: ${h}px; }`;
  const root = d.documentElement;
  const total = state.vertical ? root.scrollHeight : root.scrollWidth;
  pages = Math.max(1, Math.round(total / (state.vertical ? h : w)));
}

function show() {
  page = Math.max(0, Math.min(page, pages - 1));
  const { w, h } = size();
  const win = frame.contentWindow;
  if (state.vertical) win.scrollTo(0, page * h); else win.scrollTo(page * w, 0);
  $('where').textContent = t.where(doc + 1, state.spine.length, page + 1, pages);
  sessionStorage.setItem('hanmoto.place', JSON.stringify({ href: state.spine[doc].href, part: state.spine[doc].part, page, pages }));
}

// load shows spine item i; then, when given, sets the page once it is laid
// out. A document with the same stylesheets as the one shown replaces its
// body in place, which is many times quicker than loading the frame anew.
async function load(i, then) {
  doc = Math.max(0, Math.min(i, state.spine.length - 1));
  pending = then;
  const d = state.spine[doc];
  const url = '/book/' + d.href + '?v=' + d.crc + (d.part ? '&part=' + d.part : '');
  const cur = frame.contentDocument;
  if (cur && cur.body && frame.dataset.ready === '1') {
    const want = doc;
    const text = await (await fetch(url, { cache: 'no-store' })).text();
    if (want !== doc) return; // another load came after this one
    const x = new DOMParser().parseFromString(text, 'application/xhtml+xml');
    if (x.body && styles(x) === styles(cur)) {
      cur.body.replaceWith(cur.importNode(x.body, true));
      for (const a of ['lang', 'xml:lang']) {
        const v = x.documentElement.getAttribute(a);
        if (v !== null) cur.documentElement.setAttribute(a, v);
      }
      laidOut();
      return;
    }
  }
  frame.dataset.ready = '0';
  frame.src = url;
}

// styles names a document's stylesheets.
function styles(d) {
  return [...d.querySelectorAll('link[rel~="stylesheet"]')].map((l) => l.getAttribute('href')).join(' ');
}

function laidOut() {
  paginate();
  const then = pending;
  pending = null;
  if (then) then(); else page = 0;
  show();
}

frame.addEventListener('load', () => {
  laidOut();
  frame.dataset.ready = '1';
  const d = frame.contentDocument;
  d.addEventListener('keydown', key);
  d.addEventListener('click', click);
  d.addEventListener('touchstart', touchStart, { passive: true });
  d.addEventListener('touchend', touchEnd);
  d.addEventListener('touchmove', (e) => e.preventDefault(), { passive: false });
});

// next and prev turn a page, into the next or previous document when needed.
function next() {
  if (page + 1 < pages) { page++; show(); } else if (doc + 1 < state.spine.length) load(doc + 1, () => { page = 0; });
}
function prev() {
  if (page > 0) { page--; show(); } else if (doc > 0) load(doc - 1, () => { page = pages - 1; });
}

// A vertical book turns right to left: the left arrow, a click on the left
// half and a swipe to the right go forward.
function key(e) {
  const fwd = state.vertical ? 'ArrowLeft' : 'ArrowRight';
  const back = state.vertical ? 'ArrowRight' : 'ArrowLeft';
  if (e.key === fwd || e.key === 'PageDown' || e.key === ' ') { e.preventDefault(); next(); }
  if (e.key === back || e.key === 'PageUp') { e.preventDefault(); prev(); }
}
function click(e) {
  const a = e.target.closest && e.target.closest('a[href]');
  if (a) {
    // a link of the book (the 目次) turns to its place; another opens apart
    e.preventDefault();
    const url = new URL(a.getAttribute('href'), frame.contentDocument.baseURI);
    if (url.origin !== location.origin) { window.open(url.href, '_blank', 'noopener'); return; }
    const href = decodeURIComponent(url.pathname.replace(/^\/book\//, ''));
    goTo(href, url.hash.slice(1), 0);
    return;
  }
  const left = e.clientX < frame.clientWidth / 2;
  if (left === state.vertical) next(); else prev();
}
let touchX = null;
function touchStart(e) { touchX = e.changedTouches[0].clientX; }
function touchEnd(e) {
  if (touchX === null) return;
  const dx = e.changedTouches[0].clientX - touchX;
  touchX = null;
  if (Math.abs(dx) < 30) return;
  if ((dx > 0) === state.vertical) next(); else prev();
}
document.addEventListener('keydown', key);

// goTo shows the page holding the element id (and its block-th child).
function goTo(href, id, block) {
  const i = state.spine.findIndex((d) => d.href === href && (!d.part || d.part === id));
  if (i < 0) return;
  const find = () => {
    const d = frame.contentDocument;
    let el = id ? d.getElementById(id) : null;
    if (!id) { page = 0; return; }
    if (el && block > 0 && el.children[block - 1]) el = el.children[block - 1];
    if (!el) return;
    const { w, h } = size();
    const r = el.getBoundingClientRect();
    const win = frame.contentWindow;
    page = state.vertical ? Math.floor((r.top + win.scrollY) / h) : Math.floor((r.left + win.scrollX) / w);
    el.style.outline = '2px solid #d33';
    setTimeout(() => { el.style.outline = ''; }, 1500);
  };
  if (i === doc && frame.contentDocument) { find(); show(); } else load(i, find);
}

let lintOf = -1;
let findings = [];
async function renderLint() {
  if (state.lint_of === lintOf) return;
  lintOf = state.lint_of;
  findings = await (await fetch('/lint', { cache: 'no-store' })).json();
  const ol = $('lint');
  ol.textContent = '';
  $('lint-count').textContent = `(${findings.length})`;
  for (const f of findings) {
    const li = document.createElement('li');
    li.textContent = f.text;
    if (f.href) li.addEventListener('click', () => goTo(f.href, f.id, f.block));
    ol.appendChild(li);
  }
}

// refresh reads the state; the shown document is loaded again when its
// bytes changed, at the same place.
async function refresh() {
  const old = state;
  state = await (await fetch('/state', { cache: 'no-store' })).json();
  if (!old) translate(state.lang);
  document.title = state.title + ' — hanmoto preview';
  $('title').textContent = state.title;
  $('built').textContent = state.built ? t.built(state.built, new Date().toLocaleTimeString(state.lang)) : '';
  $('error').hidden = !state.error;
  $('error-what').textContent = t.error;
  $('error-text').textContent = state.error;
  if (!state.spine || state.spine.length === 0) return;
  if (!old || !old.spine) {
    const saved = JSON.parse(sessionStorage.getItem('hanmoto.place') || 'null');
    const i = saved ? state.spine.findIndex((d) => d.href === saved.href && d.part === saved.part) : -1;
    if (i >= 0) load(i, () => { page = Math.round(saved.page * pages / Math.max(1, saved.pages)); });
    else load(0);
    renderLint();
    return;
  }
  renderLint();
  const here = old.spine[doc];
  const i = here ? state.spine.findIndex((d) => d.href === here.href && d.part === here.part) : -1;
  if (i < 0) { load(Math.min(doc, state.spine.length - 1)); return; }
  if (state.spine[i].crc !== old.spine[doc].crc || i !== doc) {
    const frac = page / Math.max(1, pages);
    load(i, () => { page = Math.round(frac * pages); });
  }
}

$('device').addEventListener('change', () => { const f = page / pages; paginate(); page = Math.round(f * pages); show(); });
function scaleFont(by) {
  fontScale = Math.max(60, Math.min(200, fontScale + by));
  sessionStorage.setItem('hanmoto.font', fontScale);
  const f = page / pages;
  paginate();
  page = Math.round(f * pages);
  show();
}
$('smaller').addEventListener('click', () => scaleFont(-10));
$('larger').addEventListener('click', () => scaleFont(10));

const events = new EventSource('/events');
events.onmessage = () => { refresh(); };
