package preview

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"context"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/novelgen"
)

// example copies the bundled example into a temporary folder.
func example(t testing.TB) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(here), "..", "..", "examples", "tsukiyo")
	dst := filepath.Join(t.TempDir(), "tsukiyo")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dst, "dist"))
	return dst
}

func get(t *testing.T, h http.Handler, host, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Host = host
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestServer(t *testing.T) {
	dir := example(t)
	s := New(dir, i18n.Printer{}, Options{})
	h := s.Handler("127.0.0.1:5555")
	const host = "127.0.0.1:5555"
	var st State
	if err := json.Unmarshal(get(t, h, host, "/state").Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	if st.Version != 2 || st.Error != "" || !st.Vertical || len(st.Spine) < 10 || st.Title == "" || st.LintOf != 2 {
		t.Fatalf("state %+v", st)
	}
	// the book's own files, nothing else
	if r := get(t, h, host, "/book/"+st.Spine[3].Href); r.Code != 200 || !strings.Contains(r.Header().Get("Content-Type"), "xhtml") {
		t.Errorf("a document: %d %s", r.Code, r.Header().Get("Content-Type"))
	}
	for _, p := range []string{"/book/../book.yaml", "/book/book.yaml", "/book/chapters/01_春の章/01.md", "/book/%2e%2e/%2e%2e/etc/passwd"} {
		if r := get(t, h, host, p); r.Code == 200 {
			t.Errorf("%s served", p)
		}
	}
	if r := get(t, h, "evil.example:5555", "/state"); r.Code != http.StatusMisdirectedRequest {
		t.Errorf("another host name: %d", r.Code)
	}
	if r := get(t, h, host, "/lint"); r.Code != 200 || !strings.HasPrefix(r.Body.String(), "[") {
		t.Errorf("the findings: %d %q", r.Code, r.Body.String())
	}
	if r := get(t, h, host, "/"); r.Code != 200 || !strings.Contains(r.Body.String(), "reader.js") {
		t.Errorf("the reader page: %d", r.Code)
	}
	// an edit rebuilds what changed: the document holding the episode
	ep := filepath.Join(dir, "chapters", "01_春の章", "01.md")
	src, _ := os.ReadFile(ep)
	os.WriteFile(ep, append(src, "\n　追記した一行。\n"...), 0o644)
	s.rebuildBook()
	st2 := s.State()
	changed := 0
	for i := range st2.Spine {
		if st2.Spine[i].CRC != st.Spine[i].CRC {
			changed++
		}
	}
	if st2.Version != st.Version+1 || st2.Error != "" || changed != 1 {
		t.Errorf("after an edit: version %d, error %q, %d documents changed", st2.Version, st2.Error, changed)
	}
	// a broken episode: a positioned error, and the last good book stays
	os.WriteFile(ep, append(src, "\n[罠](javascript:alert(1))\n"...), 0o644)
	s.rebuildBook()
	st3 := s.State()
	if !strings.HasPrefix(st3.Error, "chapters/01_春の章/01.md:") || len(st3.Spine) != len(st2.Spine) {
		t.Errorf("broken: %q", st3.Error)
	}
	if r := get(t, h, host, "/book/"+st2.Spine[3].Href); r.Code != 200 {
		t.Errorf("the last good book is gone: %d", r.Code)
	}
}

// Watch rebuilds on a save without being asked.
func TestWatch(t *testing.T) {
	dir := example(t)
	s := New(dir, i18n.Printer{}, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	// no sleep stands in for the watcher being ready: it says so
	<-s.watching
	before := s.State()
	ep := filepath.Join(dir, "chapters", "02_秋の章", "04.md")
	src, _ := os.ReadFile(ep)
	os.WriteFile(ep, append(src, "\n　保存した。\n"...), 0o644)
	wait, stop := context.WithTimeout(ctx, 30*time.Second)
	defer stop()
	waitForRebuild(t, wait, s, before)
}

// waitForRebuild waits for a state whose documents differ from before: the
// rebuild after a save (a lint result alone moves the version too).
func waitForRebuild(t *testing.T, ctx context.Context, s *Server, before State) {
	t.Helper()
	for v := before.Version; ; {
		st, ok := s.stateAfter(ctx, v)
		if !ok {
			t.Fatalf("no rebuild after a save (state %d, error %q)", st.Version, st.Error)
		}
		if st.Error != "" {
			t.Fatalf("the rebuild failed: %s", st.Error)
		}
		for i := range st.Spine {
			if i < len(before.Spine) && st.Spine[i].CRC != before.Spine[i].CRC {
				return
			}
		}
		v = st.Version
	}
}

// BenchmarkRebuild1000 is a save in the 1,000-episode novel, up to the
// book's publication: every file read, one episode rendered again, the book
// packed again. (The lint findings follow from another goroutine.)
func BenchmarkRebuild1000(b *testing.B) {
	for _, nb := range novelgen.Benches {
		b.Run(nb.Name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "novel")
			if err := novelgen.Write(dir, nb.Options); err != nil {
				b.Fatal(err)
			}
			s := New(dir, i18n.Printer{}, Options{})
			eps, _ := filepath.Glob(filepath.Join(dir, "chapters", "*", "0500.md"))
			if nb.Options.Web {
				eps, _ = filepath.Glob(filepath.Join(dir, "chapters", "0500.md"))
			}
			ep := eps[0]
			src, _ := os.ReadFile(ep)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				os.WriteFile(ep, append(src, []byte(strings.Repeat("　追記。\n", i%3+1))...), 0o644)
				s.rebuildBook()
				if e := s.State().Error; e != "" {
					b.Fatal(e)
				}
			}
		})
	}
}

// TestInChromium starts `hanmoto preview` on a copy of the example and
// drives it in headless Chromium (internal/tools/epubwalk/preview.js):
// pages turn, an edit shows, a broken episode shows its positioned error,
// a lint finding jumps to its line; then Ctrl-C stops the server.
func TestInChromium(t *testing.T) {
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..")
	tools := filepath.Join(root, "internal", "tools", "epubwalk")
	missing := ""
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node"
	} else if _, err := os.Stat(filepath.Join(tools, "node_modules", "puppeteer-core")); err != nil {
		missing = "npm ci in internal/tools/epubwalk"
	} else if _, err := os.Stat(chromium); err != nil {
		missing = "chromium (apt-get install chromium)"
	}
	if missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must drive the preview in Chromium: no %s", missing)
		}
		t.Skipf("the preview test needs %s", missing)
	}
	bin := filepath.Join(t.TempDir(), "hanmoto")
	if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(root, "cmd", "hanmoto")).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, c := range []struct{ lang, stopped string }{{"C.UTF-8", "stopped"}, {"ja_JP.UTF-8", "終了しました"}} {
		t.Run(c.lang, func(t *testing.T) { drive(t, bin, tools, chromium, c.lang, c.stopped) })
	}
}

var address = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)

func drive(t *testing.T, bin, tools, chromium, lang, stopped string) {
	dir := example(t)
	cmd := exec.Command(bin, "preview", dir)
	cmd.Env = append(os.Environ(), "LANG="+lang, "LC_ALL=", "LC_MESSAGES=")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatal("preview printed nothing")
	}
	url := address.FindString(lines.Text())
	if url == "" {
		t.Fatalf("no address in %q", lines.Text())
	}
	// a line of the first episode with no markup, to find on the page
	src, _ := os.ReadFile(filepath.Join(dir, "chapters", "01_春の章", "01.md"))
	line := strings.TrimPrefix(strings.Split(string(src), "\n")[3], "　")
	node := exec.Command("node", filepath.Join(tools, "preview.js"), url, dir, "chapters/01_春の章/01.md", line)
	node.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := node.Output()
	if err != nil {
		t.Fatalf("preview.js: %v\n%s", err, out)
	}
	var rep struct {
		Errors []string `json:"errors"`
		Steps  []struct {
			Name   string `json:"name"`
			OK     bool   `json:"ok"`
			Detail string `json:"detail"`
		} `json:"steps"`
		EditMs int `json:"editMs"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, e := range rep.Errors {
		t.Errorf("page error: %s", e)
	}
	if len(rep.Steps) < 19 {
		t.Errorf("only %d steps ran", len(rep.Steps))
	}
	for _, s := range rep.Steps {
		if !s.OK {
			t.Errorf("%s: %s", s.Name, s.Detail)
		}
	}
	t.Logf("an edit showed on the page %d ms after the save", rep.EditMs)
	// Ctrl-C stops it cleanly
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() {
		rest, _ := io.ReadAll(stdout)
		if !strings.Contains(string(rest), stopped) {
			t.Errorf("no %q after Ctrl-C: %q", stopped, rest)
		}
		done <- cmd.Wait()
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after Ctrl-C: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("still running 5 s after Ctrl-C")
	}
}

// TestWatchFolderComesBack: the book's folder deleted and put back (a git
// checkout, a restore) is watched again: a save after it rebuilds the
// book. It never rebuilt again before.
func TestWatchFolderComesBack(t *testing.T) {
	dir := example(t)
	s := New(dir, i18n.Printer{}, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx)
	<-s.watching
	away := dir + ".away"
	if err := os.Rename(dir, away); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(away, dir); err != nil {
		t.Fatal(err)
	}
	wait, stop := context.WithTimeout(ctx, 30*time.Second)
	defer stop()
	// the book comes back: a rebuild of it as it was
	st, ok := s.stateAfter(wait, s.State().Version)
	if !ok {
		t.Fatal("nothing happened when the folder came back")
	}
	before := st
	ep := filepath.Join(dir, "chapters", "02_秋の章", "04.md")
	src, _ := os.ReadFile(ep)
	os.WriteFile(ep, append(src, "\n　戻ってきた。\n"...), 0o644)
	waitForRebuild(t, wait, s, before)
}

// --volume shows one volume of a serial as the book it is: its own title
// with 第N巻 and only its episodes; a later edit that takes the volume away
// shows on the page, and the volume comes back with book.yaml.
func TestPreviewVolume(t *testing.T) {
	dir := example(t)
	cfg := filepath.Join(dir, "book.yaml")
	orig, _ := os.ReadFile(cfg)
	withVolumes := append(append([]byte(nil), orig...), `volumes:
  - episodes: 1-2
    identifier: urn:uuid:5b7c1c9e-3f0a-4d6e-9a55-2f0c8e6b1d43
  - episodes: 3-
    identifier: urn:uuid:5b7c1c9e-3f0a-4d6e-9a55-2f0c8e6b1d44
`...)
	os.WriteFile(cfg, withVolumes, 0o644)
	whole := New(dir, i18n.Printer{}, Options{}).State()
	s := New(dir, i18n.Printer{}, Options{Volume: "2"})
	st := s.State()
	if st.Error != "" || !strings.Contains(st.Title, "第2巻") {
		t.Fatalf("volume 2: title %q, error %q", st.Title, st.Error)
	}
	if len(st.Spine) == 0 || len(st.Spine) >= len(whole.Spine) {
		t.Errorf("volume 2 has %d documents, the whole book %d", len(st.Spine), len(whole.Spine))
	}
	os.WriteFile(cfg, orig, 0o644)
	s.rebuildBook()
	if st2 := s.State(); !strings.Contains(st2.Error, "lists no volumes") || len(st2.Spine) != len(st.Spine) {
		t.Errorf("volumes gone: error %q, %d documents", st2.Error, len(st2.Spine))
	}
	os.WriteFile(cfg, withVolumes, 0o644)
	s.rebuildBook()
	if st3 := s.State(); st3.Error != "" || st3.Title != st.Title {
		t.Errorf("volumes back: title %q, error %q", st3.Title, st3.Error)
	}
}
