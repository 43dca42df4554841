// Package chrome prints HTML to PDF in a headless Chromium, driven over
// the DevTools protocol by chromedp.
//
// chromedp rather than go-rod: it is pure Go with no download step of its
// own (go-rod fetches a browser unless told not to), it speaks the
// protocol's own types (page.PrintToPDF's parameters as Chromium names
// them), and one browser prints every pass of a book, so each pass costs
// the layout, not a browser's start.
package chrome

import (
	"context"
	"fmt"
	"mime"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ErrNotFound says no Chromium could be found.
var ErrNotFound = i18n.Errorf("no Chromium found")

// Names are the commands tried on PATH, in order.
var Names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Find is the browser to use: $HANMOTO_CHROME when set (it must exist),
// else the first of Names on PATH. getenv is os.Getenv in the program.
func Find(getenv func(string) string) (string, error) {
	if p := getenv("HANMOTO_CHROME"); p != "" {
		full, err := exec.LookPath(p)
		if err != nil {
			return "", i18n.Errorf("%v: HANMOTO_CHROME=%s: %v", ErrNotFound, p, err)
		}
		return full, nil
	}
	for _, n := range Names {
		if full, err := exec.LookPath(n); err == nil {
			return full, nil
		}
	}
	return "", ErrNotFound
}

// Browser is a running headless Chromium.
type Browser struct {
	ctx    context.Context
	cancel []context.CancelFunc
}

// Start runs the browser at path. Close it when done.
func Start(ctx context.Context, path string) (*Browser, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		// the page is served from memory (Print): nothing is fetched,
		// nothing remembered, no file of the machine reachable
		chromedp.Flag("disable-extensions", true),
		// a book prints offline: a name in a template never reaches the
		// network, and fails at once instead of after a timeout
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
	)
	if os.Geteuid() == 0 {
		// Chromium refuses to run as root with its sandbox (CI, containers)
		opts = append(opts, chromedp.Flag("no-sandbox", true))
	}
	actx, cancel1 := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancel2 := chromedp.NewContext(actx)
	b := &Browser{ctx: bctx, cancel: []context.CancelFunc{cancel2, cancel1}}
	// start it now, so that a browser that cannot start says so here
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		b.Close()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return b, nil
}

// Close stops the browser.
func (b *Browser) Close() {
	for _, c := range b.cancel {
		c()
	}
}

// origin is where a printed book's files are served from: a name under
// .invalid, which no resolver answers, intercepted before any network.
const origin = "http://book.invalid/"

// Print loads entry, a file of dir, and prints it with the page size and
// margins its CSS gives (@page), backgrounds included, no header, footer
// or outline of the browser's own.
//
// Chromium sees only the book: every request the page makes is answered
// here, from dir's own regular files, and anything else — a file of the
// machine, a file beside the manuscript, another host, another scheme —
// is failed and listed in refused (the print goes on: the caller decides).
func (b *Browser) Print(ctx context.Context, dir, entry string) (pdf []byte, refused []string, err error) {
	tctx, cancel := chromedp.NewContext(b.ctx) // a tab of its own
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	var mu sync.Mutex
	chromedp.Listen(tctx, func(ev any) {
		e, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		go func() {
			if data, ctype, ok := serve(dir, e.Request.URL); ok {
				chromedp.Call(tctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: e.RequestID, ResponseCode: 200,
					ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: ctype}}, Body: data})
				return
			}
			if e.Request.URL != origin+"favicon.ico" { // the browser's own asking
				mu.Lock()
				refused = append(refused, e.Request.URL)
				mu.Unlock()
			}
			chromedp.Call(tctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}()
	})
	// every request, whatever its scheme, waits for serve's answer
	intercept := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
		return err
	})
	// a book runs nothing: a script in a manuscript's own template would
	// run with the book in reach
	noScripts := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	// images and the system's fonts are in by the load event, which
	// Navigate waits for
	if err := chromedp.Do(tctx, intercept, noScripts, chromedp.Navigate(origin+entry)); err != nil {
		return nil, nil, err
	}
	pdf, err = chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	mu.Lock()
	defer mu.Unlock()
	return pdf, append([]string(nil), refused...), err
}

// serve answers a request of the page: a regular file inside dir, by the
// path of a URL on origin; nothing else.
func serve(dir, raw string) ([]byte, string, bool) {
	if !strings.HasPrefix(raw, origin) {
		return nil, "", false
	}
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery != "" {
		return nil, "", false
	}
	rel := path.Clean("/" + u.Path)[1:]
	if rel == "" || strings.Contains(rel, `\`) {
		return nil, "", false
	}
	full := filepath.Join(dir, filepath.FromSlash(rel))
	fi, err := os.Lstat(full)
	if err != nil || !fi.Mode().IsRegular() {
		return nil, "", false
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, "", false
	}
	ctype := mime.TypeByExtension(path.Ext(rel))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	return data, ctype, true
}
