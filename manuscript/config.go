package manuscript

import (
	"errors"
	"sort"
	"strings"

	"github.com/hanmoto/hanmoto/internal/inputerr"
	"github.com/hanmoto/hanmoto/internal/inputfile"
	"github.com/hanmoto/hanmoto/internal/lazyre"

	"github.com/hanmoto/hanmoto/internal/i18n"

	"go.yaml.in/yaml/v4"
)

// ConfigFile is the name of a manuscript's settings file.
const ConfigFile = "book.yaml"

// Creator is an author, illustrator or other contributor.
type Creator struct {
	Name    string `yaml:"name"`
	Reading string `yaml:"reading"` // for sorting (file-as), in katakana or kana
	Role    string `yaml:"role"`    // MARC relator: aut, ill, edt, trl…; default aut
}

// Creators accepts `author: 名前` as well as a list of names or
// {name, reading, role} maps.
type Creators []Creator

func (c *Creators) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*c = Creators{{Name: n.Value}}
		return nil
	case yaml.SequenceNode:
		for _, item := range n.Content {
			if item.Kind == yaml.ScalarNode {
				*c = append(*c, Creator{Name: item.Value})
				continue
			}
			if err := checkKeys(item, "author", []string{"name", "reading", "role"}); err != nil {
				return err
			}
			var cr Creator
			if err := item.Decode(&cr); err != nil {
				return err
			}
			*c = append(*c, cr)
		}
		return nil
	}
	return &yamlKeyError{n.Line, n.Column, i18n.M("author must be a name or a list of {name, reading, role}")}
}

// LintConfig is book.yaml's lint: section.
type LintConfig struct {
	Disable  []string          `yaml:"disable"`
	Severity map[string]string `yaml:"severity"`
	// Fix names the style rules whose fixes --fix applies too (by default
	// it applies only the certain ones: spacing, a character's form)
	Fix []string `yaml:"fix"`
}

// PrintConfig is book.yaml's print: section, the paperback's settings
// (hanmoto print's flags override them).
type PrintConfig struct {
	Trim  string `yaml:"trim"`  // a5, b6, shiroku, shinsho, 5x8, …
	Paper string `yaml:"paper"` // white or cream
	Bleed bool   `yaml:"bleed"`
	// the 版面, where the trim's own does not suit: characters a line
	// (字詰め), lines a page at most (行数), the font size in points
	Chars    int     `yaml:"chars"`
	Lines    int     `yaml:"lines"`
	FontSize float64 `yaml:"font-size"`
	// where a part starts: odd (改丁, the default) or page (改ページ)
	PartStart string `yaml:"part-start"`
	// blank lines of the text on paper: keep (the default), or drop —
	// a lone blank line between paragraphs, as web novels put between
	// every one, is not printed, and a run of two or more prints as one
	// (a change of scene)
	BlankLines string `yaml:"blank-lines"`
	// the printed 目次: normal, or dense — smaller type, entries closer,
	// for a serial of a hundred episodes and more
	TOC string `yaml:"toc"`
	// Cover is the paperback's own cover art, at print resolution: the
	// whole wrap (back, spine and front, in KDP's cover size) or the front
	// alone. Empty: the eBook's cover on the front
	Cover string `yaml:"cover"`
	// SpineColor colours the spine (#RRGGBB); empty: the colour of the
	// front art's edge beside it, or white without art
	SpineColor string `yaml:"spine-color"`
}

// Config is book.yaml.
type Config struct {
	Title        string `yaml:"title"`
	TitleReading string `yaml:"title-reading"`
	// ShortTitle is the title where a long one can't stand: the
	// paperback's running head (柱) and spine. Empty: the title.
	ShortTitle  string   `yaml:"short-title"`
	Author      Creators `yaml:"author"`
	Language    string   `yaml:"language"`
	Publisher   string   `yaml:"publisher"`
	Series      string   `yaml:"series"`
	Volume      int      `yaml:"volume"`
	Description string   `yaml:"description"`
	Identifier  string   `yaml:"identifier"`
	Date        string   `yaml:"date"`
	WritingMode string   `yaml:"writing-mode"`
	Cover       string   `yaml:"cover"`
	LineMode    string   `yaml:"line-mode"`
	Chapters    []string `yaml:"chapters"`
	ParenRuby   bool     `yaml:"paren-ruby"`
	ISBN        string   `yaml:"isbn"` // shown in the 奥付 when given
	// Rights is the 奥付's copyright line: empty for "© year author",
	// public-domain for none (a 青空文庫 work), else the line as written
	Rights     string `yaml:"rights"`
	TCYDigits  int    `yaml:"tcy-digits"`  // half-width digits set upright as one (縦中横): 2 by default
	SceneBreak string `yaml:"scene-break"` // the mark of a scene break: ◇ by default
	// Numbers sets the numbers longer than tcy-digits in a vertical book:
	// kanji (二〇二四), fullwidth (２０２４), or as-written (the default)
	Numbers string      `yaml:"numbers"`
	Lint    LintConfig  `yaml:"lint"`
	Print   PrintConfig `yaml:"print"`
	// Volumes make a serial several books (docs/series.md); none: the
	// manuscript is one book
	Volumes []VolumeConfig `yaml:"volumes"`
}

// Vertical reports whether the book is set in 縦書き.
func (c *Config) Vertical() bool { return c.WritingMode == "vertical" }

var configKeys = []string{"title", "short-title", "title-reading", "author", "language", "publisher", "series", "volume",
	"description", "identifier", "date", "writing-mode", "cover", "line-mode", "chapters", "paren-ruby", "isbn", "tcy-digits",
	"scene-break", "numbers", "rights", "lint", "print", "volumes"}

type yamlKeyError struct {
	line, col int
	msg       i18n.Msg
}

func (e *yamlKeyError) Error() string { return e.msg.String() }

func checkKeys(n *yaml.Node, where string, known []string) error {
	if n.Kind != yaml.MappingNode {
		return &yamlKeyError{n.Line, n.Column, i18n.M("%s must be a mapping of keys to values", where)}
	}
	for i := 0; i < len(n.Content); i += 2 {
		k := n.Content[i]
		found := false
		for _, kk := range known {
			if k.Value == kk {
				found = true
			}
		}
		if !found {
			return &yamlKeyError{k.Line, k.Column, i18n.M("unknown key %q in %s (known keys: %s)", k.Value, where, strings.Join(known, ", "))}
		}
	}
	return nil
}

var dateRe = lazyre.New(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// ReadConfig reads and checks DIR/book.yaml, filling in defaults.
func ReadConfig(dir string) (*Config, error) {
	// a regular file inside the manuscript: a pipe would hang the build
	data, err := inputfile.ReadInside(dir, ConfigFile, MaxConfigSize)
	if err != nil {
		if inputfile.IsNotExist(err) {
			return nil, &inputerr.Error{File: ConfigFile, Msg: i18n.M("not found: is this a manuscript folder? (hanmoto init DIR creates one)")}
		}
		return nil, &inputerr.Error{File: ConfigFile, Msg: i18n.M("%v", err)}
	}
	// the YAML reader says only that a control character is somewhere
	for i, r := range string(data) {
		if r != '\t' && r != '\n' && r != '\r' {
			if _, bad := controlRune(string(r)); bad {
				line, col := Position(data, i)
				return nil, &inputerr.Error{File: ConfigFile, Line: line, Col: col, Msg: i18n.M("control character U+%04X: delete it", r)}
			}
		}
	}
	return ParseConfig(data)
}

// ParseConfig parses book.yaml's bytes.
func ParseConfig(data []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(err)
	}
	c := &Config{}
	if len(root.Content) > 0 {
		doc := root.Content[0]
		if err := checkKeys(doc, ConfigFile, configKeys); err != nil {
			return nil, yamlError(err)
		}
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i].Value == "print" {
				if err := checkKeys(doc.Content[i+1], "print", []string{"trim", "paper", "bleed", "chars", "lines", "font-size", "part-start", "blank-lines", "toc", "cover", "spine-color"}); err != nil {
					return nil, yamlError(err)
				}
			}
			if doc.Content[i].Value == "volumes" {
				vs := doc.Content[i+1]
				if vs.Kind != yaml.SequenceNode && vs.Tag != "!!null" {
					return nil, yamlError(&yamlKeyError{vs.Line, vs.Column, i18n.M("volumes is a list, one entry a volume: - episodes: 1-120")})
				}
				for _, v := range vs.Content {
					if err := checkKeys(v, "volumes", volumeKeys); err != nil {
						return nil, yamlError(err)
					}
					for j := 0; j+1 < len(v.Content); j += 2 {
						if v.Content[j].Value == "fingerprint" {
							if err := checkKeys(v.Content[j+1], "fingerprint", fingerprintKeys); err != nil {
								return nil, yamlError(err)
							}
						}
					}
				}
			}
			if doc.Content[i].Value == "lint" {
				if err := checkKeys(doc.Content[i+1], "lint", []string{"disable", "severity", "fix"}); err != nil {
					return nil, yamlError(err)
				}
			}
		}
		if err := doc.Decode(c); err != nil {
			return nil, yamlError(err)
		}
	}
	return c, c.validate()
}

// yamlError places the YAML reader's error in book.yaml by its own
// position (go-yaml v4's errors carry their line and column), never by
// reading its text.
func yamlError(err error) error {
	if ke, ok := err.(*yamlKeyError); ok {
		return &inputerr.Error{File: ConfigFile, Line: ke.line, Col: ke.col, Msg: ke.msg}
	}
	if le, ok := loadError(err); ok {
		return &inputerr.Error{File: ConfigFile, Line: le.Mark.Line, Col: max(le.Mark.Column, 1), Msg: i18n.M("%s", strings.ReplaceAll(le.Message, "manuscript.", ""))}
	}
	return &inputerr.Error{File: ConfigFile, Msg: i18n.M("%v", err)}
}

// loadError is the first positioned error of a YAML load: a syntax error,
// or the first value that could not be decoded.
func loadError(err error) (*yaml.LoadError, bool) {
	var le *yaml.LoadError
	if errors.As(err, &le) && le.Mark.Line > 0 {
		return le, true
	}
	var les *yaml.LoadErrors
	if errors.As(err, &les) && len(les.Errors) > 0 && les.Errors[0].Mark.Line > 0 {
		return les.Errors[0], true
	}
	return nil, false
}

// IsPlaceholderIdentifier says whether id is an example, not a real one.
func IsPlaceholderIdentifier(id string) bool {
	id = strings.TrimSpace(id)
	return id == "" || strings.Contains(id, "…") || strings.Contains(id, "...") ||
		strings.EqualFold(id, "urn:uuid:00000000-0000-0000-0000-000000000000")
}

// Placeholders lists what book.yaml still says as hanmoto init wrote it.
func (c *Config) Placeholders() []i18n.Msg {
	var out []i18n.Msg
	if IsPlaceholderTitle(c.Title) {
		out = append(out, i18n.M("title is still %q, as hanmoto init wrote it: give the book its title in book.yaml", strings.TrimSpace(c.Title)))
	}
	for _, a := range c.Author {
		if IsPlaceholderAuthor(a.Name) {
			out = append(out, i18n.M("author is still %q, as hanmoto init wrote it: write the author's name in book.yaml", strings.TrimSpace(a.Name)))
		}
	}
	if IsPlaceholderIdentifier(c.Identifier) {
		out = append(out, i18n.M("identifier %q is an example: hanmoto init writes a real one (urn:uuid:…)", c.Identifier))
	}
	return out
}

func (c *Config) validate() error {
	bad := func(msg i18n.Msg) error { return &inputerr.Error{File: ConfigFile, Msg: msg} }
	if strings.TrimSpace(c.Title) == "" {
		return bad(i18n.M("title is missing: add `title: 作品名`"))
	}
	c.ShortTitle = strings.TrimSpace(c.ShortTitle)
	if strings.ContainsAny(c.ShortTitle, "\n\r") {
		return bad(i18n.M("short-title is a line of its own: the running head and the spine print it on one"))
	}
	if c.Language == "" {
		c.Language = "ja"
	}
	switch c.WritingMode {
	case "":
		c.WritingMode = "horizontal"
		if c.Language == "ja" || strings.HasPrefix(c.Language, "ja-") {
			c.WritingMode = "vertical"
		}
	case "vertical", "horizontal":
	default:
		return bad(i18n.M("writing-mode %q: use vertical (縦書き) or horizontal (横書き)", c.WritingMode))
	}
	switch c.LineMode {
	case "":
		c.LineMode = "novel"
	case "novel", "markdown":
	default:
		return bad(i18n.M("line-mode %q: use novel (every line a paragraph) or markdown", c.LineMode))
	}
	for i := range c.Author {
		if c.Author[i].Role == "" {
			c.Author[i].Role = "aut"
		}
		if strings.TrimSpace(c.Author[i].Name) == "" {
			return bad(i18n.M("author %d has no name", i+1))
		}
	}
	if c.Identifier == "" {
		return bad(i18n.M("identifier is missing: add a stable one such as `identifier: urn:uuid:…` (hanmoto init writes one)"))
	}
	if c.Date != "" && !dateRe().MatchString(c.Date) {
		return bad(i18n.M("date %q: write it as YYYY-MM-DD", c.Date))
	}
	if c.Series == "" && c.Volume != 0 {
		return bad(i18n.M("volume is set but series is not"))
	}
	if err := c.validateVolumes(); err != nil {
		return err
	}
	switch {
	case c.TCYDigits == 0:
		c.TCYDigits = 2
	case c.TCYDigits < 1 || c.TCYDigits > 4:
		return bad(i18n.M("tcy-digits %d: set 1 to 4 half-width digits upright (2 is usual, 3 for years like 100)", c.TCYDigits))
	}
	if c.SceneBreak == "" {
		c.SceneBreak = "◇"
	}
	if n := len([]rune(c.SceneBreak)); n > 8 || strings.ContainsAny(c.SceneBreak, "<>&\"\n") {
		return bad(i18n.M("scene-break %q: a short mark such as ◇, ＊ or ⁂", c.SceneBreak))
	}
	switch c.Numbers {
	case "", "as-written", "kanji", "fullwidth":
	default:
		return bad(i18n.M("numbers %q: kanji (二〇二四年), fullwidth (２０２４年) or as-written", c.Numbers))
	}
	sort.Strings(c.Lint.Disable)
	return nil
}
