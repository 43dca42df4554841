package templates

import (
	"regexp"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// ExecError is a template's failure to run, said where a person looks —
// templates/NAME:LINE:COL — and in their language: text/template's own
// message is English, and names the file without the folder.
func ExecError(name string, err error) error {
	m := execRE.FindStringSubmatch(err.Error())
	if m == nil {
		return i18n.Errorf("templates/%s: %v", name, err)
	}
	return i18n.Errorf("templates/%s: can't run %s: %s", m[1], m[2], cause(m[3]))
}

var execRE = regexp.MustCompile(`^template: ([^:]+:\d+:\d+): executing "[^"]*" at (<.*?>): (.*)$`)

// causes are text/template's reasons, as people are told them.
var causes = []struct {
	re  *regexp.Regexp
	msg string
}{
	{regexp.MustCompile(`^error calling (\w+): (.*)$`), "%s failed: %s"},
	{regexp.MustCompile(`^index out of range: (-?\d+)$`), "there is no item %s"},
	{regexp.MustCompile(`^can't evaluate field (\w+) in type (.*)$`), "there is no field %s in %s"},
	{regexp.MustCompile(`^map has no entry for key "(.*)"$`), "there is no key %q"},
	{regexp.MustCompile(`^nil pointer evaluating (.*)$`), "%s is empty"},
	{regexp.MustCompile(`^wrong number of args for (\w+): want (\d+) got (\d+)$`), "%s takes %s arguments, not %s"},
}

// cause is a text/template reason as a message, kept as it is when it is
// none of the known ones.
func cause(s string) any {
	for _, c := range causes {
		if m := c.re.FindStringSubmatch(s); m != nil {
			args := make([]any, len(m)-1)
			for i, a := range m[1:] {
				args[i] = a
			}
			if len(args) == 2 && c.msg == "%s failed: %s" {
				args[1] = cause(m[2])
			}
			return i18n.M(c.msg, args...)
		}
	}
	return s
}
