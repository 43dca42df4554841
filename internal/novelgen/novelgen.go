// Package novelgen writes a large synthetic web novel for benchmarks and
// tests: many episodes in parts, with ruby, 傍点, dialogue and numbers, in
// the proportions of a real serial. The text is assembled from phrases of
// our own; the same seed gives the same book.
package novelgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options size the novel.
type Options struct {
	Episodes        int // default 1000
	PerPart         int // episodes per part folder; default 100
	CharsPerEpisode int // default 3200
	Seed            uint64
	// Plain writes the same text without novel syntax, for tools that
	// know only CommonMark (pandoc).
	Plain bool
	// Web writes the novel the other way web novels are written, unlike
	// the default in every way the renderer cares about: line-mode:
	// markdown paragraphs of several lines between blank lines, a scene
	// break (* * *, ***, ---, ◇, ＊＊＊) in most episodes, lines that start
	// with a number, episodes of uneven length in one flat folder, and
	// now and then a list, a link, emphasis or raw HTML.
	Web bool
}

var (
	names = [][2]string{{"灯里", "あかり"}, {"湊", "みなと"}, {"鷺沼", "さぎぬま"}, {"小野寺", "おのでら"}, {"御園", "みその"},
		{"朔夜", "さくや"}, {"千景", "ちかげ"}, {"蒼真", "そうま"}, {"雫", "しずく"}, {"柊", "ひいらぎ"}}
	places = [][2]string{{"郵便局", "ゆうびんきょく"}, {"坂道", "さかみち"}, {"桜並木", "さくらなみき"}, {"停車場", "ていしゃば"},
		{"図書館", "としょかん"}, {"神社", "じんじゃ"}, {"港町", "みなとまち"}}
	narration = []string{
		"　%sは%sの前で足を止めた。",
		"　風が吹いて、%sの髪が揺れる。%sの鐘が遠くで鳴った。",
		"　%sは小さく息を吐き、%sへ続く道を見上げた。",
		"　夕暮れの光が、%sの横顔と%sの屋根を同じ色に染めていた。",
		"　%sは黙ったまま、%sの石段に腰を下ろした。",
	}
	dialogue = []string{
		"「%sさん、%sに行ったことはありますか」",
		"「……%s、待って。%sはそっちじゃない」",
		"「本当に%sが？　%sで見たって言うの!?」",
		"「%sなら、%sで待ってるって」",
		"「ありがとう、%s。%sまで一緒に来てくれて」",
	}
	numbers = []string{"　列車は%d分遅れて着いた。", "　手紙は全部で%d通あった。", "　あれから%d日が過ぎた。"}
)

// Write creates the manuscript in dir (book.yaml and chapters/).
func Write(dir string, o Options) error {
	if o.Web {
		return writeWeb(dir, o)
	}
	if o.Episodes == 0 {
		o.Episodes = 1000
	}
	if o.PerPart == 0 {
		o.PerPart = 100
	}
	if o.CharsPerEpisode == 0 {
		o.CharsPerEpisode = 3200
	}
	r := rand.New(rand.NewPCG(o.Seed, 2026))
	book := "title: 月夜の郵便局　長編版\ntitle-reading: ツキヨノユウビンキョク\nauthor: 灯野しずく\n" +
		"identifier: urn:uuid:0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d\ndate: 2026-11-01\n"
	if err := writeFile(filepath.Join(dir, "book.yaml"), book); err != nil {
		return err
	}
	var b strings.Builder
	for i := 1; i <= o.Episodes; i++ {
		part := (i-1)/o.PerPart + 1
		file := filepath.Join(dir, "chapters", fmt.Sprintf("%02d_第%d部", part, part), fmt.Sprintf("%04d.md", i))
		b.Reset()
		fmt.Fprintf(&b, "# 第%d話　%s\n\n", i, pick(r, places)[0])
		for chars := 0; chars < o.CharsPerEpisode; {
			line := sentence(r, o.Plain)
			b.WriteString(line)
			b.WriteByte('\n')
			if r.IntN(6) == 0 {
				b.WriteByte('\n')
			}
			chars += len([]rune(line))
		}
		if err := writeFile(file, b.String()); err != nil {
			return err
		}
	}
	return nil
}

func pick(r *rand.Rand, list [][2]string) [2]string { return list[r.IntN(len(list))] }

// word writes a name or place with its ruby about one time in four, in the
// forms writers mix: ｜ bars, implicit ruby after kanji, でんでん braces.
func word(r *rand.Rand, w [2]string, plain bool) string {
	if plain {
		return w[0]
	}
	switch r.IntN(12) {
	case 0:
		return "｜" + w[0] + "《" + w[1] + "》"
	case 1:
		return w[0] + "《" + w[1] + "》"
	case 2:
		return "{" + w[0] + "|" + w[1] + "}"
	}
	return w[0]
}

func sentence(r *rand.Rand, plain bool) string {
	n, p := word(r, pick(r, names), plain), word(r, pick(r, places), plain)
	switch k := r.IntN(10); {
	case k < 5:
		return fmt.Sprintf(narration[r.IntN(len(narration))], n, p)
	case k < 9:
		return fmt.Sprintf(dialogue[r.IntN(len(dialogue))], n, p)
	default:
		s := fmt.Sprintf(numbers[r.IntN(len(numbers))], 2+r.IntN(98))
		if !plain && r.IntN(3) == 0 {
			s += "《《それだけ》》のことだった。"
		}
		return s
	}
}

func writeFile(path, s string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(s), 0o644)
}

// edgePieces are what novels are made of and what sits at the edges of
// the plain-line fast path: novel syntax, white space of every kind, and
// characters that open Markdown blocks when they start a line.
var edgePieces = []string{
	"あ", "漢字", "「", "」", "　", " ", "\t", "！", "!", "?", "!!", "!?", "??", "12", "123", "2025", "…", "……", "――", "―",
	"｜東京《とうきょう》", "{漢字|かん|じ}", "{東京都|とう|きょう}", "《《傍点》》", "｜《逃》", "漢字《かんじ》", "漢字（かんじ）", "あ゛", "か゚",
	"\"", "'", "{", "}", "|", "｜", "《", "》", "（", "）", "#", "# ", "## ", "####### ", "=", "===", "-", "+", "1.", "1)", ">", "~", ":", "http://x",
	"＃", "［＃改ページ］", "\u00a0", "\u2028", "ｱ", "ﾞ", "é", "e\u0301",
	// scene breaks and what is near one: a thematic break or not, a
	// setext underline, an ordered item or a number
	"***", "* * *", "---", "- - -", "___", "**", "--", "*", "_", "◇", "＊＊＊", "3日後、", "89歳の", "1. ", "2)", "10.", "1234567890.",
	"a", "x y", "abc.", "word", "“", "”", "“引用”",
}

// Scrambled is a short random episode made of edgePieces: up to 8 lines,
// some blank, some headings. Differential tests feed it to two
// implementations that must agree.
func Scrambled(rng *rand.Rand) []byte {
	var b strings.Builder
	for l := rng.IntN(8); l >= 0; l-- {
		switch rng.IntN(6) {
		case 0:
			b.WriteString("\n") // a blank line
		case 1:
			b.WriteString("# ")
		}
		for k := rng.IntN(6); k >= 0; k-- {
			b.WriteString(edgePieces[rng.IntN(len(edgePieces))])
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

var (
	webNames = []string{"レオン", "ミリア", "アルト", "セリス", "ガルド", "リーネ", "ユウキ", "カイ"}
	webLines = []string{
		"%sは剣を握り直した。",
		"ギルドの扉を開けると、%sがこちらを見た。",
		"「%s、ステータスを確認して」",
		"「無理だって言ったのに……」と%sは笑った。",
		"魔力の残りはわずかだった。",
		"%sの背後で、何かが動いた気がした。",
		"レベルが上がったことを告げる音が、頭の中で響く。",
		"「行こう。夜になる前に森を抜けたい」",
	}
	webNumbers = []string{"%d日後、%sは王都に着いた。", "%d歳の%sは、まだ諦めていなかった。", "%d階層目の扉の前で、%sは立ち止まった。",
		"%d人の冒険者が、%sを囲んでいた。"}
	webBreaks = []string{"* * *", "***", "---", "◇", "＊＊＊", "◆◇◆"}
)

// writeWeb writes the Web novel: see Options.Web.
func writeWeb(dir string, o Options) error {
	if o.Episodes == 0 {
		o.Episodes = 1000
	}
	if o.CharsPerEpisode == 0 {
		o.CharsPerEpisode = 3200
	}
	r := rand.New(rand.NewPCG(o.Seed, 1977))
	book := "title: 辺境ギルドの見習い記録\nauthor: 木ノ下ユウ\nline-mode: markdown\nwriting-mode: horizontal\n" +
		"identifier: urn:uuid:7f1e2d3c-4b5a-4968-8776-655443322110\ndate: 2026-12-01\n"
	if err := writeFile(filepath.Join(dir, "book.yaml"), book); err != nil {
		return err
	}
	var b strings.Builder
	for i := 1; i <= o.Episodes; i++ {
		b.Reset()
		fmt.Fprintf(&b, "# %d話　%s\n\n", i, webNames[r.IntN(len(webNames))])
		// episodes from half to twice the usual length
		size := o.CharsPerEpisode/2 + r.IntN(o.CharsPerEpisode)
		breakAt := -1
		if r.IntN(100) < 87 {
			breakAt = size / 2
		}
		extra := r.IntN(100) // a few episodes carry other Markdown
		for chars, para := 0, 0; chars < size; para++ {
			for k := 1 + r.IntN(4); k > 0; k-- {
				line := webLine(r, o.Plain)
				// a paragraph opens with 「 or an indent, as such authors write
				if !strings.HasPrefix(line, "「") && (k > 0 && b.Len() > 0 && strings.HasSuffix(b.String(), "\n\n")) {
					line = "　" + line
				}
				b.WriteString(line)
				b.WriteByte('\n')
				chars += len([]rune(line))
			}
			b.WriteByte('\n')
			if breakAt >= 0 && chars >= breakAt {
				b.WriteString(webBreaks[r.IntN(len(webBreaks))] + "\n\n")
				breakAt = -1
			}
			switch {
			case para == 3 && extra < 2:
				b.WriteString("- 回復薬　3個\n- 魔石　12個\n- 銀貨　40枚\n\n")
			case para == 5 && extra >= 2 && extra < 4:
				b.WriteString("作者の[活動報告](https://example.com/report)もどうぞ。\n\n")
			case para == 7 && extra >= 4 && extra < 6:
				b.WriteString("その名は**英雄**と呼ばれた。\n\n")
			case para == 9 && extra >= 6 && extra < 7 && !o.Plain:
				b.WriteString("<span class=\"small\">（注：この世界の一日は二十六時間）</span>\n\n")
			}
		}
		file := filepath.Join(dir, "chapters", fmt.Sprintf("%04d.md", i))
		if err := writeFile(file, b.String()); err != nil {
			return err
		}
	}
	return nil
}

func webLine(r *rand.Rand, plain bool) string {
	name := webNames[r.IntN(len(webNames))]
	switch k := r.IntN(10); {
	case k < 2:
		return fmt.Sprintf(webNumbers[r.IntN(len(webNumbers))], 2+r.IntN(300), name)
	case k < 3 && !plain:
		// a line with no one in it stays as it is: Sprintf would append
		// "%!(EXTRA …)" to the novel
		line := webLines[r.IntN(len(webLines))]
		if !strings.Contains(line, "%s") {
			return line
		}
		return fmt.Sprintf(line, "｜勇者《ゆうしゃ》")
	}
	line := fmt.Sprintf(webLines[r.IntN(len(webLines))], name)
	if strings.Contains(line, "%!") {
		line = webLines[4]
	}
	return line
}

// Benches are the two novels every speed figure is measured on: the
// generated serial and the Web one, written the other way (Options.Web).
// A speed that holds on one only is not the speed people get.
var Benches = []struct {
	Name    string
	Options Options
}{{"generated", Options{}}, {"web", Options{Web: true}}}
