// Package preview serves a manuscript as a reader shows it, rebuilt as it
// is edited. What it serves is the EPUB `hanmoto build` writes, built in
// memory: every page the reader page shows is a document of that book, with
// its stylesheet and images, and nothing is read from the disk by a
// request. A failed rebuild keeps the last good book and shows the error.
package preview

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/manuscript/lint"
)

//go:embed reader
var readerFiles embed.FS

// Server holds the book being previewed.
type Server struct {
	dir     string
	printer i18n.Printer
	opt     Options

	mu       sync.Mutex
	state    State
	files    map[string][]byte         // the EPUB's files by path
	sections map[string][]epub.Section // the episodes of each body document
	prev     *manuscript.Book
	docCRC   map[string]uint32 // each document's CRC in the last build
	changed  chan struct{}     // closed and replaced at every new state
	watching chan struct{}     // closed once Watch watches every folder
}

// State is what the reader page asks for: the book's documents in reading
// order, the error of the last build, the lint findings.
type State struct {
	Version  int       `json:"version"`
	Lang     string    `json:"lang"` // the page's language: the command's (ja or en)
	Title    string    `json:"title"`
	Vertical bool      `json:"vertical"`
	Spine    []Doc     `json:"spine"`
	Error    string    `json:"error"`
	Lint     []Finding `json:"-"`       // served apart, at /lint: a save's state stays small
	LintOf   int       `json:"lint_of"` // the version whose findings /lint holds
	Built    string    `json:"built"`   // how long the last build took
}

// Doc is one view of the spine: a document, or one episode of a document
// that holds several (a long book's files hold many episodes; a page that
// lays out one at a time comes back at once after a save). CRC changes
// with its bytes.
type Doc struct {
	Href string `json:"href"`
	Part string `json:"part,omitempty"` // the episode's id, when the document holds several
	CRC  uint32 `json:"crc"`
}

// Finding is a lint finding and where the reader shows it: the document,
// the episode's element id, and the position of the line's block among the
// episode's (0 when it is not known: the episode's start).
type Finding struct {
	Text  string `json:"text"`
	Href  string `json:"href"`
	ID    string `json:"id"`
	Block int    `json:"block"`
}

// Options choose what is previewed.
type Options struct {
	// Volume is a serial's volume (book.yaml's volumes:) shown as the book
	// it is, with its own 扉, 目次 and 奥付: "3", "第3巻". "" is the whole
	// manuscript.
	Volume string
}

// New builds the book in dir once. The first build may fail: the server
// then shows the error until a save mends it.
func New(dir string, p i18n.Printer, opt Options) *Server {
	s := &Server{dir: dir, printer: p, opt: opt, changed: make(chan struct{}), watching: make(chan struct{})}
	s.state.Lang = "en"
	if p.Lang == i18n.Japanese {
		s.state.Lang = "ja"
	}
	if b, bk, spine, version := s.rebuildBook(); b != nil {
		s.lint(version, b, bk, spine)
	}
	return s
}

// rebuild reads the manuscript again, renders what changed, packs the
// book and publishes it; the lint findings follow a moment later, so that
// a save shows without waiting for them. On error the last good
// book stays.
func (s *Server) rebuild() {
	if b, bk, spine, version := s.rebuildBook(); b != nil {
		// after the page has had the machine to itself to fetch and lay out
		// the new text; a newer save makes this one's findings moot
		time.AfterFunc(lintDelay, func() { s.lint(version, b, bk, spine) })
	}
}

// lintDelay is how long the findings wait after a rebuild.
const lintDelay = 150 * time.Millisecond

// rebuildBook is rebuild's part up to the book's publication; it returns
// what the findings need, or a nil book when the build failed.
func (s *Server) rebuildBook() (*manuscript.Book, *built, []Doc, int) {
	start := time.Now()
	s.mu.Lock()
	prev := s.prev
	s.mu.Unlock()
	all, err := manuscript.Load(s.dir, manuscript.Options{ImagePrefix: epub.ImagePrefix, Previous: prev})
	b := all
	if err == nil && s.opt.Volume != "" {
		// book.yaml may lose the volume between saves: the page says so
		// until it is back
		b, err = all.VolumeNamed(s.opt.Volume)
	}
	bk := &built{files: map[string][]byte{}}
	var spine []Doc
	if err == nil {
		var pkg epub.Package
		if _, err = epub.Write(b, io.Discard, epub.Options{Files: bk.files, Package: &pkg}); err == nil {
			bk.sections = pkg.Sections
			spine, err = s.spineOf(bk, pkg.Spine)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.state
	next.Version++
	next.Error = ""
	next.Built = time.Since(start).Round(time.Millisecond).String()
	if err != nil {
		next.Error = s.printer.Err(err)
		b = nil
	} else {
		// the whole manuscript is what the next load compares with
		s.files, s.sections, s.prev = bk.files, bk.sections, all
		next.Title, next.Vertical, next.Spine = b.Config.Title, b.Config.Vertical(), spine
	}
	s.publish(next)
	return b, bk, spine, next.Version
}

// built is a build's files and where its episodes are.
type built struct {
	files    map[string][]byte
	sections map[string][]epub.Section
}

// lint publishes the findings of the book of version, unless a newer
// build came first.
func (s *Server) lint(version int, b *manuscript.Book, bk *built, spine []Doc) {
	if s.State().Version != version {
		return
	}
	findings := s.findings(b, bk, spine)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.Version == version {
		st := s.state
		st.Version++
		st.Lint, st.LintOf = findings, st.Version
		s.publish(st)
	}
}

// publish makes st the state and wakes the event streams; s.mu is held.
func (s *Server) publish(st State) {
	s.state = st
	close(s.changed)
	s.changed = make(chan struct{})
}

// spineOf is the book's reading order, from the package document: each
// document, or each episode of a document that holds several. A document
// unchanged since the last build keeps its views without a look.
func (s *Server) spineOf(bk *built, order []string) ([]Doc, error) {
	s.mu.Lock()
	old := map[string][]Doc{}
	for _, d := range s.state.Spine {
		old[d.Href] = append(old[d.Href], d)
	}
	crcs := s.docCRC
	s.mu.Unlock()
	var spine []Doc
	next := map[string]uint32{}
	for _, href := range order {
		data := bk.files[href]
		crc := crc32.ChecksumIEEE(data)
		next[href] = crc
		if prev, ok := old[href]; ok && crcs[href] == crc {
			spine = append(spine, prev...)
			continue
		}
		secs := bk.sections[href]
		if len(secs) < 2 {
			spine = append(spine, Doc{Href: href, CRC: crc})
			continue
		}
		for _, sec := range secs {
			spine = append(spine, Doc{Href: href, Part: sec.ID, CRC: crc32.ChecksumIEEE(data[sec.Start:sec.End])})
		}
	}
	if len(spine) == 0 {
		return nil, errors.New("the built book has no spine")
	}
	s.mu.Lock()
	s.docCRC = next
	s.mu.Unlock()
	return spine, nil
}

// view is the document cut to one of its episodes: the same head and
// stylesheet, the same markup, the other episodes left out.
func view(doc []byte, secs []epub.Section, part string) ([]byte, bool) {
	for _, sec := range secs {
		if sec.ID == part {
			first, last := secs[0].Start, secs[len(secs)-1].End
			out := append([]byte(nil), doc[:first]...)
			out = append(out, doc[sec.Start:sec.End]...)
			return append(out, doc[last:]...), true
		}
	}
	return nil, false
}

// findings lints the book and says where each finding shows.
func (s *Server) findings(b *manuscript.Book, bk *built, spine []Doc) []Finding {
	res, err := lint.RunBook(b, lint.Options{})
	if err != nil {
		return []Finding{{Text: s.printer.Err(err)}}
	}
	where := map[string]string{} // episode id → document
	for _, d := range spine {
		for _, sec := range bk.sections[d.Href] {
			where[sec.ID] = d.Href
		}
	}
	byFile := map[string]*manuscript.Episode{}
	for _, ep := range b.Episodes() {
		byFile[ep.File] = ep
	}
	out := []Finding{}
	for _, f := range res.Findings {
		fd := Finding{Text: f.Localize(s.printer)}
		if ep := byFile[f.File]; ep != nil {
			fd.ID, fd.Href = ep.ID(), where[ep.ID()]
			fd.Block = manuscript.BlockOfLineIn(b.Config, ep.Source, f.Line)
		}
		out = append(out, fd)
	}
	return out
}

// Handler serves the reader page, the book's files, the state and its
// changes. Requests must name this server as their host: a page elsewhere
// cannot reach it through a name that resolves to 127.0.0.1.
func (s *Server) Handler(addr string) http.Handler {
	mux := http.NewServeMux()
	reader, _ := fs.Sub(readerFiles, "reader")
	mux.Handle("GET /", http.FileServerFS(reader))
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("GET /book/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/book/")
		s.mu.Lock()
		data, ok := s.files[name]
		secs := s.sections[name]
		s.mu.Unlock()
		if part := r.URL.Query().Get("part"); ok && part != "" {
			data, ok = view(data, secs, part)
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		ct := mime.TypeByExtension(path.Ext(name))
		if strings.HasSuffix(name, ".xhtml") {
			ct = "application/xhtml+xml; charset=utf-8"
		}
		if ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Write(data)
	})
	mux.HandleFunc("GET /state", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		st := s.state
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(st)
	})
	mux.HandleFunc("GET /lint", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		fs := s.state.Lint
		s.mu.Unlock()
		if fs == nil {
			fs = []Finding{}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(fs)
	})
	// server-sent events: the new version's number at every rebuild
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		fl, ok := w.(http.Flusher)
		if !ok {
			http.Error(w, "streaming unsupported", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		for {
			s.mu.Lock()
			v, ch := s.state.Version, s.changed
			s.mu.Unlock()
			fmt.Fprintf(w, "data: %d\n\n", v)
			fl.Flush()
			select {
			case <-ch:
			case <-r.Context().Done():
				return
			}
		}
	})
	_, port, _ := net.SplitHostPort(addr)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, p, err := net.SplitHostPort(r.Host)
		if err != nil || p != port || (host != "127.0.0.1" && host != "localhost") {
			http.Error(w, "not this server's name", http.StatusMisdirectedRequest)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// State is the current state.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// Watch rebuilds the book whenever a file of the manuscript changes, until
// ctx ends. Saves come in bursts (an editor writes, renames, touches): a
// rebuild waits until 15 ms pass without another.
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	s.watchTree(w)
	// the folder above, for the book's folder itself: deleted and put back
	// (a git checkout, a restore), its watches are gone with it, and it is
	// watched again when it comes back
	parent := filepath.Dir(filepath.Clean(s.dir))
	_ = w.Add(parent)
	close(s.watching)
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if filepath.Dir(ev.Name) == parent && ev.Name != filepath.Clean(s.dir) {
				continue // the book's neighbours
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					if ev.Name == filepath.Clean(s.dir) {
						s.watchTree(w)
					} else {
						_ = w.Add(ev.Name)
					}
				}
			}
			timer = time.After(15 * time.Millisecond)
		case <-w.Errors:
		case <-timer:
			timer = nil
			s.rebuild()
		}
	}
}

// stateAfter waits until the state is newer than version, or ctx ends.
func (s *Server) stateAfter(ctx context.Context, version int) (State, bool) {
	for {
		s.mu.Lock()
		st, ch := s.state, s.changed
		s.mu.Unlock()
		if st.Version > version {
			return st, true
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return st, false
		}
	}
}

// watchTree watches the manuscript folder and the folders in it (the
// output folder and hidden ones aside): fsnotify watches one folder each.
func (s *Server) watchTree(w *fsnotify.Watcher) {
	_ = filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		name := d.Name()
		if p != s.dir && (strings.HasPrefix(name, ".") || name == "dist" || name == "node_modules") {
			return filepath.SkipDir
		}
		_ = w.Add(p)
		return nil
	})
}

// Addr listens on 127.0.0.1:port (0: a free port).
func Listen(port int) (net.Listener, error) {
	return net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
}
