package golden

import "testing"

func TestDiff(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"x\n", "x\n", ""},
		{"a\nb\nc\n", "a\nB\nc\n", "  a\n- b\n+ B\n  c\n"},
		{"1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\n5\n6\n7\n9\n", "  6\n  7\n- 8\n+ 9\n"},
		{"", "new\n", "+ new\n"},
		{"1\n2\n3\n4\n5\n6\n7\n", "x\n2\n3\n4\n5\n6\ny\n", "- 1\n+ x\n  2\n  3\n…\n  5\n  6\n- 7\n+ y\n"},
	} {
		if got := Diff(c.a, c.b); got != c.want {
			t.Errorf("Diff(%q, %q) =\n%s\nwant\n%s", c.a, c.b, got, c.want)
		}
	}
}
