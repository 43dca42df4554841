package syntax

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestX0213AgainstIconv checks the JIS X 0213 table (made from CPython's
// codec) against a second source, glibc's iconv EUC-JISX0213, cell by
// cell: each defined cell is written in EUC-JIS-2004 on a line of its own
// and read back by iconv. Three cells differ by the mapping each follows,
// and the table keeps the one Japanese text uses.
func TestX0213AgainstIconv(t *testing.T) {
	if _, err := exec.LookPath("iconv"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("iconv (glibc) is not installed")
		}
		t.Skip("no iconv")
	}
	known := map[string]bool{
		"1-1-29": true, // ― U+2015 (JIS X 0213:2004, 青空文庫); iconv — U+2014
		"1-2-54": true, // ⦅ U+2985; iconv the full-width ｟ U+FF5F
		"1-2-55": true, // ⦆ U+2986; iconv ｠ U+FF60
	}
	var in bytes.Buffer
	var cells []string
	var want []string
	defined := 0
	for plane := 0; plane < 2; plane++ {
		for row := 0; row < 94; row++ {
			for cell := 0; cell < 94; cell++ {
				c := x0213[plane][row][cell]
				if c == "" {
					continue
				}
				defined++
				if plane == 1 {
					in.WriteByte(0x8f)
				}
				in.Write([]byte{byte(0xa1 + row), byte(0xa1 + cell), '\n'})
				cells = append(cells, fmt.Sprintf("%d-%d-%d", plane+1, row+1, cell+1))
				want = append(want, c)
			}
		}
	}
	if defined < 11000 {
		t.Fatalf("the table defines %d cells; JIS X 0213 has 11,233", defined)
	}
	cmd := exec.Command("iconv", "-f", "EUC-JISX0213", "-t", "UTF-8")
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("iconv: %v", err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("iconv read %d cells of %d", len(got), len(want))
	}
	differ := 0
	for i := range want {
		if got[i] != want[i] && !known[cells[i]] {
			differ++
			if differ <= 10 {
				t.Errorf("%s: table %q (%U), iconv %q (%U)", cells[i], want[i], []rune(want[i]), got[i], []rune(got[i]))
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d cells differ from iconv", differ)
	}
}
