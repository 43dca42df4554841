package paperback

import (
	"fmt"
	"math"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/internal/jinput"
)

// Trim is a book's cut size and the type area (版面) a Japanese novel of
// that size is set in: a font size, characters per line (字詰め) and lines
// per page (行数). The figures follow common Japanese trade practice for
// one-column novels (文字サイズ 9–10.5 pt, 行送り 1.75 = 字間ベタ, 行間
// 0.75 em, as JIS X 4051 and jlreq describe the 基本版面); the line count
// is the most that fits the page between KDP's margins, up to the figure
// given.
type Trim struct {
	Name   string  // as --trim takes it
	Label  string  // as a person says it
	W, H   float64 // millimetres
	FontPt float64
	Chars  int // 字詰め
	Lines  int // 行数 at most
}

// Trims are the sizes KDP prints a Japanese paperback in: the Japanese
// book sizes it lists (A5, B6, 四六判, 新書) and its US trims.
var Trims = []Trim{
	{"a5", "A5 (148 × 210 mm)", 148, 210, 10, 45, 18},
	{"b6", "B6 (128 × 182 mm)", 128, 182, 9.5, 40, 16},
	{"shiroku", "四六判 (128 × 188 mm)", 128, 188, 9.5, 42, 16},
	{"shinsho", "新書 (103 × 182 mm)", 103, 182, 9, 42, 15},
	{"5x8", "5 × 8 in", 127, 203.2, 9.5, 44, 16},
	{"5.25x8", "5.25 × 8 in", 133.35, 203.2, 9.5, 44, 17},
	{"5.5x8.5", "5.5 × 8.5 in", 139.7, 215.9, 10, 45, 17},
	{"6x9", "6 × 9 in", 152.4, 228.6, 10.5, 45, 18},
}

// trimAliases are the other names people give the trims.
var trimAliases = map[string]string{
	"四六判": "shiroku", "四六": "shiroku", "46": "shiroku", "新書": "shinsho", "新書判": "shinsho",
	"a5判": "a5", "b6判": "b6",
}

// FindTrim is the trim named name (case and width folded).
func FindTrim(name string) (Trim, error) {
	n := strings.ToLower(strings.TrimSpace(jinput.Fold(name)))
	if a, ok := trimAliases[n]; ok {
		n = a
	}
	n = strings.ReplaceAll(n, "×", "x")
	for _, t := range Trims {
		if t.Name == n {
			return t, nil
		}
	}
	switch n {
	case "文庫", "文庫判", "bunko", "a6", "a6判":
		return Trim{}, i18n.Errorf("KDP prints no 文庫 (A6, 105 × 148 mm): its smallest trim is 4 × 6 in (101.6 × 152.4 mm), taller than 148 mm; the nearest it prints is 新書 (shinsho, 103 × 182 mm)")
	}
	names := make([]string, len(Trims))
	for i, t := range Trims {
		names[i] = t.Name + " (" + strings.SplitN(t.Label, " (", 2)[0] + ")"
		if !strings.Contains(t.Label, "(") {
			names[i] = t.Name
		}
	}
	return Trim{}, i18n.Errorf("unknown trim %q: use one of %s", name, strings.Join(names, ", "))
}

// WithArea is the trim with its 版面 changed where chars, lines or
// fontPt are not zero (book.yaml's print: chars, lines, font-size).
func (t Trim) WithArea(chars, lines int, fontPt float64) (Trim, error) {
	if chars != 0 {
		if chars < 15 || chars > 60 {
			return t, i18n.Errorf("print: chars %d: give 15 to 60 characters a line", chars)
		}
		t.Chars = chars
	}
	if lines != 0 {
		if lines < 8 || lines > 40 {
			return t, i18n.Errorf("print: lines %d: give 8 to 40 lines a page", lines)
		}
		t.Lines = lines
	}
	if fontPt != 0 {
		if fontPt < 7 || fontPt > 16 {
			return t, i18n.Errorf("print: font-size %g: give 7 to 16 points", fontPt)
		}
		t.FontPt = fontPt
	}
	return t, nil
}

// Paper is the stock KDP prints on; it sets the spine's width.
type Paper string

// The stocks KDP offers for a black-and-white interior.
const (
	White Paper = "white"
	Cream Paper = "cream"
)

// ParsePaper reads --paper.
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(jinput.Fold(s))) {
	case "", "white", "白":
		return White, nil
	case "cream", "クリーム":
		return Cream, nil
	}
	return "", i18n.Errorf("unknown paper %q: use white or cream", s)
}

// KDP's print rules, in millimetres (KDP Help, "Set trim size, bleed, and
// margins" and "Create a paperback cover").
const (
	MinPages       = 24
	MaxPages       = 828   // on white paper; MaxPagesOn says cream's
	BleedMM        = 3.175 // 0.125 in: top, bottom and outside
	OutsideMM      = 6.4   // 0.25 in without bleed, rounded up as KDP's own table
	OutsideBleedMM = 9.6   // 0.375 in with bleed
	MinForeEdgeMM  = 9.0   // hanmoto's fore edge inside the trim, at the least
	// RoomEm is Geometry.Room in ems of the text: a ruby (0.5 em, set
	// 0.04 em off its base) reaches 0.17 em past the 0.375 em
	// half-leading of a 1.75 line pitch (measured: IPAex明朝, Chromium)
	RoomEm         = 0.2
	CoverSafeMM    = 6.4 // text and art kept this far inside the cover's trim
	SpineTextPages = 79  // a spine holds text from this many pages
	spineMarginMM  = 1.6 // 0.0625 in on either side of the spine's text
)

// MaxPagesOn is the most pages KDP binds on paper: cream is thicker,
// and stops at 776 (KDP Help, "Print options": black ink, the trims a
// novel is printed in).
func MaxPagesOn(paper Paper) int {
	if paper == Cream {
		return 776
	}
	return MaxPages
}

// Gutter is KDP's least inside margin for a book of pages pages.
func Gutter(pages int) float64 {
	switch {
	case pages <= 150:
		return 9.6 // 0.375 in, as KDP's table gives it in mm
	case pages <= 300:
		return 12.7 // 0.5 in
	case pages <= 500:
		return 15.9 // 0.625 in
	case pages <= 700:
		return 19.1 // 0.75 in
	}
	return 22.3 // 0.875 in
}

// SpineMM is a cover's spine width for pages pages on paper: KDP's
// 0.002252 in a page on white paper, 0.0025 in on cream.
func SpineMM(pages int, paper Paper) float64 {
	per := 0.002252
	if paper == Cream {
		per = 0.0025
	}
	return float64(pages) * per * 25.4
}

// Geometry is where the type area sits on a page, in millimetres.
type Geometry struct {
	Trim           Trim
	Bleed          bool
	PageW, PageH   float64 // the sheet: trim, plus bleed when asked
	Inside         float64 // binding-side margin
	Outside        float64 // fore-edge margin (from the sheet's edge)
	Top, Bottom    float64
	Lines          int
	LineMM, FontMM float64
	// Room is kept on the type area's block-start side (the right, in
	// vertical text), outside the first line: the first line's ruby and
	// 傍点 reach that far past its line box
	Room      float64
	GutterMin float64 // KDP's inside minimum for the page count planned
}

const ptMM = 25.4 / 72

// layout fits the trim's type area to a book of pages pages: the area is
// centred across the page when that leaves the gutter KDP asks, else moved
// off the spine; lines are dropped until the fore-edge margin is KDP's.
func layout(t Trim, pages int, bleed bool) (Geometry, error) {
	g := Geometry{Trim: t, Bleed: bleed, PageW: t.W, PageH: t.H, GutterMin: Gutter(pages)}
	outsideMin := OutsideMM
	if bleed {
		g.PageW += BleedMM
		g.PageH += 2 * BleedMM
		outsideMin = OutsideBleedMM
	}
	g.FontMM = t.FontPt * ptMM
	g.LineMM = g.FontMM * 1.75
	g.Room = RoomEm * g.FontMM
	// the fore edge (小口) keeps MinForeEdgeMM inside the trim, more than
	// KDP's bare minimum: a thick 新書's gutter once pushed the text to
	// 6.96 mm from the cut against a 12.7 mm gutter, and its page numbers
	// to 6.7 mm; a line fewer keeps the page a book's
	foreEdge := math.Max(outsideMin-bleedOf(bleed), MinForeEdgeMM)
	for lines := t.Lines; lines >= 5; lines-- {
		area := float64(lines)*g.LineMM + g.Room
		inside := math.Max(g.GutterMin, (t.W-area)/2)
		outside := t.W - area - inside
		if outside+1e-9 >= foreEdge {
			g.Lines, g.Inside, g.Outside = lines, inside, outside+bleedOf(bleed)
			break
		}
	}
	if g.Lines == 0 {
		return g, i18n.Errorf("a %s page of %d pages leaves no room for text between KDP's margins: choose a larger trim", t.Name, pages)
	}
	// the type area in the middle from top to foot; the foot's margin
	// holds the page number
	text := float64(t.Chars) * g.FontMM
	g.Top = (t.H - text) / 2
	if g.Top < 12 {
		return g, i18n.Errorf("%d characters a line do not fit a %s page: give fewer", t.Chars, t.Name)
	}
	g.Bottom = t.H - text - g.Top
	if bleed {
		g.Top += BleedMM
		g.Bottom += BleedMM
	}
	return g, nil
}

func bleedOf(bleed bool) float64 {
	if bleed {
		return BleedMM
	}
	return 0
}

// Grid is the 版面 as the text is set in it: characters a line and lines
// a page. A vertical book's lines run down the area's height, the trim's
// 字詰め, side by side across its width; a horizontal book's run across
// the width (the lines' room, and the ruby's), stacked down the height.
func (g Geometry) Grid(vertical bool) (chars, lines int) {
	if vertical {
		return g.Trim.Chars, g.Lines
	}
	return int((float64(g.Lines)*g.LineMM + g.Room) / g.FontMM), int(float64(g.Trim.Chars) / 1.75)
}

// AreaW is the type area's width (the lines, side by side).
func (g Geometry) AreaW() float64 { return g.PageW - g.Inside - g.Outside }

// AreaH is the type area's height (a line's length).
func (g Geometry) AreaH() float64 { return g.PageH - g.Top - g.Bottom }

func (g Geometry) String() string {
	return fmt.Sprintf("%s %g×%g mm, %d字×%d行 at %gpt, margins inside %.1f outside %.1f top %.1f bottom %.1f", g.Trim.Name, g.PageW, g.PageH, g.Trim.Chars, g.Lines, g.Trim.FontPt, g.Inside, g.Outside, g.Top, g.Bottom)
}
