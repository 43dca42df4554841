package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress draws a bar on a terminal and nothing anywhere else, so logs and
// pipes stay clean.
type progress struct {
	w     io.Writer
	label string
	on    bool
	last  int
}

func newProgress(e *env, msg string, quiet bool) *progress {
	return &progress{w: e.stderr, label: e.p.T(msg), on: !quiet && e.isTerminal(e.stderr)}
}

// spin shows the label with a turning mark until stop is called: for work
// whose length can't be counted, such as epubcheck.
func (p *progress) spin() (stop func()) {
	if !p.on {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		marks := []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for i := 0; ; i++ {
			fmt.Fprintf(p.w, "\r%s %s", marks[i%len(marks)], p.label)
			select {
			case <-done:
				fmt.Fprint(p.w, "\r\033[K")
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

func (p *progress) update(done, total int) {
	if !p.on || total == 0 {
		return
	}
	const width = 30
	filled := done * width / total
	if filled == p.last && done != total {
		return
	}
	p.last = filled
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("█", filled), strings.Repeat("·", width-filled), done, total)
}

// clear erases the bar so a message can be printed on a clean line.
func (p *progress) clear() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
