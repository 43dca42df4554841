package manuscript

import (
	"bytes"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// A 青空文庫 text file pasted whole as an episode begins with the work's
// title and author, then, between two lines of dashes, the legend of its
// notation (【テキスト中に現れる記号について】: 《》 is ruby, ｜ starts a base,
// ［＃］ a note). None of it is the work's text: the book's title and author
// come from book.yaml, and the legend would print as prose (or as the
// 目次's title). aozoraHeader finds that much of src.
//
// The file's end — 底本： and the names of those who typed and proofread
// it — is the work's provenance and stays, set apart (syntax's aozoraLayout).

const dashes = "-------------------------------------------------------"

// aozoraHeader is the end of a pasted 青空文庫 file's header (after the
// legend's closing line of dashes), with the title and author its first two
// lines give; 0 when src does not start so.
func aozoraHeader(src []byte) (end int, title, author string) {
	lines := bytes.SplitAfter(src[:min(len(src), 8000)], []byte("\n"))
	open := -1
	off := 0
	for i, l := range lines {
		t := strings.TrimSpace(strings.TrimSuffix(string(l), "\r"))
		switch {
		case open < 0 && i > 6:
			return 0, "", ""
		case open < 0 && strings.HasPrefix(t, dashes[:20]) && strings.Trim(t, "-") == "":
			open = i
		case open >= 0 && i == open+1 && !strings.Contains(t, "テキスト中に現れる記号について"):
			return 0, "", ""
		case open >= 0 && i > open+1 && strings.HasPrefix(t, dashes[:20]) && strings.Trim(t, "-") == "":
			if open >= 1 {
				title = strings.TrimSpace(string(lines[0]))
			}
			if open >= 2 {
				author = strings.TrimSpace(string(lines[1]))
			}
			return off + len(l), title, author
		}
		off += len(l)
	}
	return 0, "", ""
}

// AozoraHeaderEnd is where the header of a pasted 青空文庫 file ends (its
// title, author and legend, which the book leaves out), 0 when src does
// not start with one: lint leaves it unread as the build does.
func AozoraHeaderEnd(src []byte) int {
	end, _, _ := aozoraHeader(src)
	return end
}

// blankHeader is src with its first end bytes blank, their line breaks
// kept: every position after them stays where the file has it.
func blankHeader(src []byte, end int) []byte {
	out := append([]byte(nil), src...)
	for i := 0; i < end; i++ {
		if out[i] != '\n' && out[i] != '\r' {
			out[i] = ' '
		}
	}
	return out
}

// headerWarning says what of a pasted 青空文庫 file the book leaves out.
func headerWarning(file, title, author string) Warning {
	return Warning{File: file + ":1:1", Msg: i18n.M("a 青空文庫 file pasted whole: its first lines (%s, %s) and the legend of its notation are left out of the text; book.yaml gives the book's title and author", title, author)}
}
