# hanmoto — the developer's entry points. `make test` is what CI runs.
GO       ?= go
BENCHDIR ?= /tmp/hanmoto-bench
FUZZTIME ?= 60s

.PHONY: build install test update lint-go demo bench fuzz example-art shots clean

# -buildvcs=true so that `hanmoto version` names the commit even where
# GOFLAGS turns VCS stamping off. urfave_cli_no_docs leaves out urfave/cli's
# man-page writer, which hanmoto never calls and whose Markdown library
# would set itself up at every start (0.4 ms of a 6 ms --help).
TAGS ?= urfave_cli_no_docs

build:
	$(GO) build -tags $(TAGS) -buildvcs=true -o hanmoto ./cmd/hanmoto

# Install into $(go env GOBIN), else $(go env GOPATH)/bin (~/go/bin): put
# that folder on your PATH.
install:
	$(GO) install -tags $(TAGS) -buildvcs=true ./cmd/hanmoto

# Every test: unit, golden, testscript, epubcheck (skipped without Java
# locally; .ci/run installs it, and in CI it must run). Before them the
# code is read: go vet, staticcheck and goimports (pinned versions, from
# the Go module proxy) must say nothing.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOIMPORTS   ?= golang.org/x/tools/cmd/goimports@v0.52.0
# The results go through internal/tools/testsum: each package's line, every
# failure whole, and every skipped test with its reason (a browser test
# without Chromium or internal/tools/epubwalk's npm ci says so), then
# "N passed, N failed, N skipped".
SHELL := /bin/bash
test: lint-go
	set -o pipefail; $(GO) test -json -count=1 -timeout 40m ./... 2>&1 | $(GO) run ./internal/tools/testsum

# Rewrite the golden files (testscripts' cmp files, rendered episodes, lint
# and scan cases, report goldens) from what the code makes now, and show
# each change as a line diff: read it before committing.
update:
	$(GO) test -count=1 -v ./cmd/hanmoto -run 'TestScripts' -update 2>&1 | sed -n '/golden .* updated:/,/^[[:space:]]*$$/p'
	$(GO) test -count=1 -v ./manuscript/... ./sales/report -update 2>&1 | sed -n '/golden .* updated:/,/^[[:space:]]*$$/p'

lint-go:
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@out=$$($(GO) run $(GOIMPORTS) -l .); if [ -n "$$out" ]; then echo "goimports would change:"; echo "$$out"; exit 1; fi

# Build the bundled example into examples/tsukiyo/dist/.
demo:
	$(GO) run ./cmd/hanmoto build examples/tsukiyo

# Wall time and peak memory of `hanmoto build` on a generated 1,000-episode,
# 3.3M-character novel, beside pandoc on the same text without novel syntax
# (apt-get install pandoc) timed in the same run; `hanmoto lint` on the same
# novel; `hanmoto --help`; importing 120 generated KDP statements,
# re-importing them, listing a year; importing a NAV file, valuing 10 years
# of monthly buys; the reports; then the Go benchmarks, one per stage of a
# build (manuscript: BenchmarkStage*, epub: BenchmarkStage*). Each figure is
# printed beside its target.
bench: build
	rm -rf $(BENCHDIR) && mkdir -p $(BENCHDIR)
	$(GO) run ./examples/gennovel $(BENCHDIR)/novel
	$(GO) run ./examples/gennovel -plain $(BENCHDIR)/plain
	$(GO) run ./examples/gennovel -web $(BENCHDIR)/web
	$(GO) run ./examples/gennovel -web -plain $(BENCHDIR)/webplain
	$(GO) build -o $(BENCHDIR)/measure ./internal/tools/measure
	@# the same figures on two novels written differently: a speed that
	@# holds on one only is not the speed people get
	@for n in novel web; do \
		p=plain; chapters='chapters/*/*.md'; \
		if [ $$n = web ]; then p=webplain; chapters='chapters/*.md'; fi; \
		echo "== build: $$n, 1,000 episodes, $$(cat $(BENCHDIR)/$$n/$$chapters | wc -m) characters"; \
		if command -v pandoc >/dev/null; then \
			(cd $(BENCHDIR)/$$p && $(BENCHDIR)/measure -n 1 -label pandoc -save $(BENCHDIR)/$$n-pandoc.s -size $(BENCHDIR)/$$n-pandoc.epub -- pandoc -o $(BENCHDIR)/$$n-pandoc.epub --metadata title=bench $$(ls $$chapters | sort)) || exit 1; \
		else echo "pandoc      not installed (apt-get install -y pandoc) — no comparison"; fi; \
		$(BENCHDIR)/measure -n 5 -label build -wall 0.15 -rss 80 -ratio $(BENCHDIR)/$$n-pandoc.s -size $(BENCHDIR)/$$n.epub -- ./hanmoto build -q -o $(BENCHDIR)/$$n.epub $(BENCHDIR)/$$n || exit 1; \
		$(BENCHDIR)/measure -n 5 -any-exit -label lint -wall 0.10 -- ./hanmoto lint $(BENCHDIR)/$$n || exit 1; \
	done
	@echo "== volumes: the 1,000-episode web serial in volumes of about 12万 characters"
	./hanmoto volumes plan -q --write $(BENCHDIR)/web
	$(BENCHDIR)/measure -n 5 -label plan -wall 0.5 -- ./hanmoto volumes plan -q $(BENCHDIR)/web
	$(BENCHDIR)/measure -n 5 -label whole -save $(BENCHDIR)/whole.s -- ./hanmoto build -q -o $(BENCHDIR)/whole.epub $(BENCHDIR)/web
	$(BENCHDIR)/measure -n 5 -label volumes -times $(BENCHDIR)/whole.s -times-target 1.5 -- ./hanmoto build -q --volume all $(BENCHDIR)/web
	$(BENCHDIR)/measure -n 20 -label help -wall 0.006 -- ./hanmoto --help
	@# the paperback (needs chromium and fonts-ipaexfont-mincho): a novel
	@# of about 330 A5 pages, and the other kind of web novel, horizontal,
	@# at 四六判 with bleed; each two layout passes and the cover
	@echo "== print: 35 episodes in three parts, A5; 40 web episodes, 四六判, bleed"
	$(GO) run ./examples/gennovel -episodes 35 -per-part 12 $(BENCHDIR)/printnovel
	$(GO) run ./examples/gennovel -web -episodes 40 $(BENCHDIR)/printweb
	$(BENCHDIR)/measure -n 3 -label print -wall 30 -- ./hanmoto print -q --trim a5 -o $(BENCHDIR)/print.pdf --cover $(BENCHDIR)/print.cover.pdf $(BENCHDIR)/printnovel
	$(BENCHDIR)/measure -n 3 -label print-web -wall 30 -- ./hanmoto print -q --trim shiroku --bleed -o $(BENCHDIR)/printweb.pdf --cover $(BENCHDIR)/printweb.cover.pdf $(BENCHDIR)/printweb
	@echo "   $$(pdfinfo $(BENCHDIR)/print.pdf 2>/dev/null | grep Pages) (A5); $$(pdfinfo $(BENCHDIR)/printweb.pdf 2>/dev/null | grep Pages) (四六判)"
	@echo "== sales: 120 generated monthly statements (13 marketplaces, 50 titles)"
	$(GO) run ./examples/genkdp $(BENCHDIR)/kdp
	$(BENCHDIR)/measure -n 1 -label import -wall 3 -- ./hanmoto --ledger $(BENCHDIR)/ledger.db sales import -q $(BENCHDIR)/kdp/*.xlsx
	$(BENCHDIR)/measure -n 5 -label re-import -wall 0.5 -- ./hanmoto --ledger $(BENCHDIR)/ledger.db sales import -q $(BENCHDIR)/kdp/*.xlsx
	$(BENCHDIR)/measure -n 5 -label list-year -wall 0.1 -- ./hanmoto --ledger $(BENCHDIR)/ledger.db sales list --from 2024-01 --to 2024-12 --format csv
	@echo "== invest: the manager's 1,698-day NAV file; 10 years of daily NAV and monthly buys"
	./hanmoto --ledger $(BENCHDIR)/nav.db sales home JPY >/dev/null
	$(BENCHDIR)/measure -n 1 -label nav-import -wall 0.05 -- ./hanmoto --ledger $(BENCHDIR)/nav.db invest nav import -q --fund 253425 ../shared/fixtures/nav/mufg_emaxis_slim_allcountry_253425.csv
	$(GO) run ./examples/geninvest $(BENCHDIR)/invest
	./hanmoto --ledger $(BENCHDIR)/invest.db invest nav import -q --fund BENCH $(BENCHDIR)/invest/nav.csv
	./hanmoto --ledger $(BENCHDIR)/invest.db invest import -q $(BENCHDIR)/invest/buys.csv
	$(BENCHDIR)/measure -n 5 -label status -wall 0.1 -- ./hanmoto --ledger $(BENCHDIR)/invest.db invest status --date 2024-12-31
	$(BENCHDIR)/measure -n 5 -label history -wall 0.1 -- ./hanmoto --ledger $(BENCHDIR)/invest.db invest history --daily --to 2024-12-31 --format csv
	@echo "== report: the 10-year ledger (120 statements) with 10 years of NAV and monthly buys"
	./hanmoto --ledger $(BENCHDIR)/ledger.db invest nav import -q --fund BENCH $(BENCHDIR)/invest/nav.csv
	./hanmoto --ledger $(BENCHDIR)/ledger.db invest import -q $(BENCHDIR)/invest/buys.csv
	$(BENCHDIR)/measure -n 5 -label monthly -wall 0.1 -- ./hanmoto --ledger $(BENCHDIR)/ledger.db report monthly
	$(BENCHDIR)/measure -n 5 -label html -wall 0.1 -- ./hanmoto --ledger $(BENCHDIR)/ledger.db report html -q -o $(BENCHDIR)/report.html
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Each target for FUZZTIME. A new input is minimised for 3 s at most: with
# Go's default minute, FuzzReadBytes spent its whole minute minimising one
# workbook and ran a handful of inputs.
FUZZ = -run '^$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 3s
fuzz:
	$(GO) test ./manuscript $(FUZZ) -fuzz FuzzRender
	$(GO) test ./manuscript $(FUZZ) -fuzz FuzzPlainPath
	$(GO) test ./manuscript/lint $(FUZZ) -fuzz FuzzLint
	$(GO) test ./sales/kdp $(FUZZ) -fuzz FuzzReadBytes
	$(GO) test ./sales/kdp $(FUZZ) -fuzz FuzzScrambledWords
	$(GO) test ./templates $(FUZZ) -fuzz FuzzCheckPage
	$(GO) test ./templates $(FUZZ) -fuzz FuzzCheckCSS
	$(GO) test ./sales/nav $(FUZZ) -fuzz FuzzParse
	$(GO) test ./sales/broker $(FUZZ) -fuzz FuzzParse
	$(GO) test ./sales/fx $(FUZZ) -fuzz FuzzParse
	$(GO) test ./epub $(FUZZ) -fuzz FuzzCheck
	$(GO) test ./paperback $(FUZZ) -fuzz FuzzOverhang

# Redraw the example's cover and illustration (committed; the code is ours).
example-art:
	$(GO) run ./examples/gen examples/tsukiyo/images

# Screenshots of the example as a reader shows it: the 扉, the 目次, a part
# page, an episode's start, a scene break, an illustration and the 奥付,
# turned to in epub.js in headless Chromium (600×800), `hanmoto preview` of
# it, and two spreads (the 目次's, and text), a page with a long ruby and
# the cover of its paperback (pdftoppm), written to
# docs/shots/. Needs node, chromium, poppler-utils and Japanese fonts:
#   apt-get install chromium poppler-utils fonts-noto-cjk fonts-ipaexfont-mincho
#   (cd internal/tools/epubwalk && npm ci)
SHOTS := titlepage toc p0001 p0002 scene-break illustration colophon
shots:
	mkdir -p $(BENCHDIR)
	$(GO) run ./cmd/hanmoto build -q -o $(BENCHDIR)/shots.epub examples/tsukiyo
	rm -rf $(BENCHDIR)/shots && mkdir -p docs/shots
	node internal/tools/epubwalk/walk.js $(BENCHDIR)/shots.epub 600 800 --shots $(BENCHDIR)/shots >/dev/null
	for s in $(SHOTS); do cp $(BENCHDIR)/shots/$$s.png docs/shots/$$s.png; done
	# the paperback: spreads as the book opens, right to left (the even
	# page on the right), and the wraparound cover
	$(GO) run ./cmd/hanmoto print -q -o $(BENCHDIR)/shots.print.pdf --cover $(BENCHDIR)/shots.cover.pdf examples/tsukiyo
	pdftoppm -png -r 60 -f 2 -l 9 $(BENCHDIR)/shots.print.pdf $(BENCHDIR)/shots/print
	$(GO) run ./internal/tools/spread docs/shots/print-toc.png $(BENCHDIR)/shots/print-03.png $(BENCHDIR)/shots/print-02.png
	$(GO) run ./internal/tools/spread docs/shots/print-text.png $(BENCHDIR)/shots/print-09.png $(BENCHDIR)/shots/print-08.png
	pdftoppm -png -r 30 -singlefile $(BENCHDIR)/shots.cover.pdf docs/shots/print-cover
	# a page whose reading is longer than its base (鞄《かばん》) and overhangs
	# the kana beside it, at a size to see the ruby by
	p=$$(for i in $$(seq 1 60); do pdftotext -f $$i -l $$i $(BENCHDIR)/shots.print.pdf - 2>/dev/null | grep -q 鞄 && { echo $$i; break; }; done); \
	pdftoppm -png -r 110 -f $$p -l $$p -singlefile $(BENCHDIR)/shots.print.pdf docs/shots/print-ruby
	# the preview, on a copy of the example with one lint finding to show
	$(GO) build -tags $(TAGS) -o $(BENCHDIR)/hanmoto ./cmd/hanmoto
	rm -rf $(BENCHDIR)/preview && cp -r examples/tsukiyo $(BENCHDIR)/preview && rm -rf $(BENCHDIR)/preview/dist
	sed -i '0,/」$$/s/」$$/。」/' $(BENCHDIR)/preview/chapters/01_春の章/02.md
	LANG=ja_JP.UTF-8 $(BENCHDIR)/hanmoto preview --port 18765 $(BENCHDIR)/preview & echo $$! > $(BENCHDIR)/preview.pid; sleep 1; \
	node internal/tools/epubwalk/preview.js http://127.0.0.1:18765/ $(BENCHDIR)/preview chapters/01_春の章/01.md \
		"$$(sed -n 4p $(BENCHDIR)/preview/chapters/01_春の章/01.md | sed 's/^　//')" --shot docs/shots/preview.png >/dev/null; \
	kill $$(cat $(BENCHDIR)/preview.pid)

clean:
	rm -f hanmoto
	rm -rf examples/tsukiyo/dist $(BENCHDIR)
