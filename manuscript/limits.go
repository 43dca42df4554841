package manuscript

// Limits a manuscript's input meets, so that no file makes a build hang,
// eat the machine's memory or write an EPUB KDP refuses. docs/limits.md
// lists them with the others (the novel syntax's, the workbook reader's).
const (
	// MaxEpisodeSize is the largest episode file read: a long episode of
	// a web novel is some 100 KB; 50 MB took 1.5 GB to render.
	MaxEpisodeSize = 8 << 20
	// MaxIndent is the deepest a line may be indented, in columns (a tab
	// is 4): a list nested 2,000 deep took goldmark minutes.
	MaxIndent = 100
	// MaxLinksPerParagraph is how many link openings "](" one paragraph
	// may hold: goldmark looks for each one's end from where it starts, so
	// 20,000 unclosed ones took seconds, and no novel's paragraph holds
	// more than a few links.
	MaxLinksPerParagraph = 1000
)

// deepQuote finds the first line whose quote markers (">", spaces between)
// nest deeper than MaxIndent and returns its byte offset, or -1: a line of
// 80,000 ">" is as many blockquotes, and goldmark took seconds over them.
func deepQuote(src []byte) int {
	depth, start := 0, 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '>':
			if depth++; depth > MaxIndent {
				return start
			}
		case ' ', '\t':
		case '\n':
			depth, start = 0, i+1
		default:
			for i < len(src) && src[i] != '\n' {
				i++
			}
			depth, start = 0, i+1
		}
	}
	return -1
}

// manyLinks finds the first paragraph (lines up to a blank one) holding
// more than MaxLinksPerParagraph "](" and returns the offset where it
// passes the limit, or -1.
func manyLinks(src []byte) int {
	n := 0
	for i := 0; i+1 < len(src); i++ {
		switch {
		case src[i] == ']' && src[i+1] == '(':
			if n++; n > MaxLinksPerParagraph {
				return i
			}
		case src[i] == '\n' && (src[i+1] == '\n' || src[i+1] == '\r'):
			n = 0
		}
	}
	return -1
}

// deepIndent finds the first line indented deeper than MaxIndent columns
// and returns its byte offset, or -1.
func deepIndent(src []byte) int {
	col, start := 0, 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case ' ':
			col++
		case '\t':
			col += 4
		case '\n':
			col, start = 0, i+1
			continue
		default:
			// the rest of the line does not count; skip to its end
			for i < len(src) && src[i] != '\n' {
				i++
			}
			col, start = 0, i+1
			continue
		}
		if col > MaxIndent {
			return start
		}
	}
	return -1
}

// controlRune finds a control character, which no XML document may hold.
func controlRune(s string) (rune, bool) {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return r, true
		}
	}
	return 0, false
}

// MaxConfigSize bounds book.yaml: a few lines of settings.
const MaxConfigSize = 1 << 20

// MaxEpisodeErrors is how many problems of one episode are said; one more
// line says that more follow.
const MaxEpisodeErrors = 50
