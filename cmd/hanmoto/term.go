package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/textable"
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
	mu    sync.Mutex // label, as the spinner reads it while work goes on
	label string
	on    bool
	last  int
	start time.Time
	secs  func(int) string // "12 s", in the reader's language
}

// say changes what the spinner shows: the step the work is in.
func (p *progress) say(label string) {
	p.mu.Lock()
	p.label = label
	p.mu.Unlock()
}

func newProgress(e *env, msg string, quiet bool) *progress {
	return &progress{w: e.stderr, label: e.p.T(msg), on: !quiet && e.isTerminal(e.stderr),
		secs: func(n int) string { return e.p.Sprintf("%d s", n) }}
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
		p.start = time.Now()
		for i := 0; ; i++ {
			p.mu.Lock()
			label := p.label
			p.mu.Unlock()
			// the step and the time it has run: Chromium reports nothing
			// inside a pass, so the seconds are what shows it works
			fmt.Fprintf(p.w, "\r\033[K%s %s %s", marks[i%len(marks)], label, p.secs(int(time.Since(p.start).Seconds())))
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

// columns is how wide a table may be: $COLUMNS when set, else the
// terminal's width, else (a pipe, a file) no limit; --wide lifts it.
func (e *env) columns() int {
	if e.wide {
		return 0
	}
	if n, err := strconv.Atoi(strings.TrimSpace(e.getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if f, ok := e.stdout.(*os.File); ok && e.isTerminal(e.stdout) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 0
}

// table writes t in format, fitted to the terminal, and says how to see
// what it had to shorten.
func (e *env) table(t *textable.Table, format string) error {
	if format == "table" {
		t.Width = e.columns()
		t.Keep = keepWhole
	}
	if err := t.Write(e.stdout, format); err != nil {
		return err
	}
	e.shortened(t.Shortened, t.Width)
	if len(t.Dropped) > 0 {
		names := make([]string, len(t.Dropped))
		for i, d := range t.Dropped {
			names[i] = d
			if t.Label != nil {
				names[i] = t.Label(d)
			}
		}
		e.printf(e.stderr, "(%s left out to fit %d columns; --wide shows everything)\n", i18n.List(names), t.Width)
	}
	return nil
}

func (e *env) shortened(yes bool, width int) {
	if yes {
		e.printf(e.stderr, "(… cut to fit %d columns; --wide shows everything)\n", width)
	}
}

// keepWhole are the columns a narrow terminal never shortens: identifiers
// and dates are useless cut.
var keepWhole = map[string]bool{"asin": true, "isbn": true, "number": true, "payment": true, "payments": true,
	"id": true, "fund": true, "sha256": true, "date": true, "month": true, "imported_at": true, "made": true, "period": true,
	"period_start": true, "period_end": true, "nav_date": true, "nav_from": true, "nav_to": true, "rate_date": true}

// ask puts a yes-or-no question to the person at the terminal; no answer
// (end of input) is no.
func (e *env) ask(question string) bool {
	e.printf(e.stderr, "%s [y/N] ", question)
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes" || a == "はい" || a == "ｙ"
}
