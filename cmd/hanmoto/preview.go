package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/hanmoto/hanmoto/epub/preview"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/urfave/cli/v2"
)

func previewCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "preview",
		Usage:     "see the book as a reader will, rebuilt at every save",
		ArgsUsage: "[DIR]",
		Description: `Serves the book on 127.0.0.1 and prints the address: its pages as a
reader shows them (縦書き turning right to left with the arrow keys, a click
or a swipe), at the size of an e-ink reader, a phone or a tablet, with the
lint findings beside them. Saving an episode, book.yaml, an image or a
template rebuilds the book and the page comes back where it was; an error
shows on the page with its file, line and column. Ctrl-C stops it.

   hanmoto preview            the manuscript in this folder, on a free port
   hanmoto preview --port 8080 --open novel/
   hanmoto preview --volume 2  a serial's second volume, its own 扉 to 奥付`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "port", Usage: "listen on `PORT` (default: a free one)"},
			&cli.BoolFlag{Name: "open", Usage: "open the page in the browser"},
			&cli.StringFlag{Name: "volume", Usage: "preview volume `N` of a serial (book.yaml's volumes:) as the book it is"},
			quietFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usage(e.p.Errorf("preview takes one manuscript folder"))
			}
			dir := "."
			if c.NArg() == 1 {
				dir = c.Args().First()
			}
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return usage(e.p.Errorf("%s is not a manuscript folder (one with book.yaml): hanmoto init DIR starts one", dir))
			}
			if c.Int("port") < 0 || c.Int("port") > 65535 {
				return usage(e.p.Errorf("--port %d is not a port", c.Int("port")))
			}
			if err := previewVolume(dir, c.String("volume")); err != nil {
				return usage(err)
			}
			ln, err := preview.Listen(c.Int("port"))
			if err != nil {
				return fail(e.p.Errorf("can't listen on port %d: %v (give another --port, or none for a free one)", c.Int("port"), err))
			}
			s := preview.New(dir, e.p, preview.Options{Volume: c.String("volume")})
			addr := ln.Addr().String()
			url := "http://" + addr + "/"
			e.printf(e.stdout, "previewing %s at %s (Ctrl-C stops)\n", dir, url)
			if st := s.State(); st.Error != "" && !c.Bool("quiet") {
				fmt.Fprintln(e.stderr, st.Error)
			}
			if c.Bool("open") {
				openBrowser(url)
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			srv := &http.Server{Handler: s.Handler(addr), ReadHeaderTimeout: 5 * time.Second}
			go func() {
				if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
					fmt.Fprintln(e.stderr, "hanmoto:", e.p.Err(err))
					stop()
				}
			}()
			go func() { _ = s.Watch(ctx) }()
			<-ctx.Done()
			// the event streams stay open until the server closes them
			shut, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_ = srv.Shutdown(shut)
			_ = srv.Close()
			if !c.Bool("quiet") {
				e.printf(e.stdout, "stopped\n")
			}
			return nil
		},
	}
}

// previewVolume refuses a --volume that book.yaml cannot give before the
// server starts; one lost later, by an edit, shows on the page.
func previewVolume(dir, which string) error {
	if which == "" {
		return nil
	}
	cfg, err := manuscript.ReadConfig(dir)
	if err != nil {
		return nil // the page shows what is wrong with book.yaml
	}
	if len(cfg.Volumes) == 0 {
		return &manuscript.NoVolumesError{Which: which}
	}
	_, err = (&manuscript.Book{Config: cfg}).VolumeNumbers(which, false)
	return err
}

// openBrowser asks the desktop to open url; failing, the address printed
// is still there to click.
func openBrowser(url string) {
	name, args := "xdg-open", []string{url}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	_ = exec.Command(name, args...).Start()
}
