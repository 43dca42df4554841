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
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// ErrNotFound says no Chromium could be found.
var ErrNotFound = errors.New("no Chromium found")

// Names are the commands tried on PATH, in order.
var Names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Find is the browser to use: $HANMOTO_CHROME when set (it must exist),
// else the first of Names on PATH. getenv is os.Getenv in the program.
func Find(getenv func(string) string) (string, error) {
	if p := getenv("HANMOTO_CHROME"); p != "" {
		full, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%w: HANMOTO_CHROME=%s: %v", ErrNotFound, p, err)
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
		// the page is our own file: nothing is fetched, nothing remembered
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("allow-file-access-from-files", true),
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

// PrintFile loads the HTML file at path and prints it with the page size
// and margins its CSS gives (@page), backgrounds included, no header,
// footer or outline of the browser's own.
func (b *Browser) PrintFile(ctx context.Context, path string) ([]byte, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	tctx, cancel := chromedp.NewContext(b.ctx) // a tab of its own
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	// a book runs nothing: a script in a manuscript's own template would
	// run with access to the files beside it
	noScripts := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	// images and the system's fonts are in by the load event, which
	// Navigate waits for
	if err := chromedp.Do(tctx, noScripts, chromedp.Navigate(u.String())); err != nil {
		return nil, err
	}
	return chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
}
