package manuscript_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
)

// Every key the Config reads from book.yaml is one book.yaml may give:
// short-title and print: blank-lines were read by the printer, but the
// key check refused them.
func TestEveryConfigKeyAccepted(t *testing.T) {
	head := "title: t\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000000\n"
	try := func(y, key string) {
		if _, err := manuscript.ParseConfig([]byte(head + y)); err != nil && strings.Contains(err.Error(), "unknown key") {
			t.Errorf("book.yaml's %s: %v", key, err)
		}
	}
	ty := reflect.TypeOf(manuscript.Config{})
	for i := 0; i < ty.NumField(); i++ {
		f := ty.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "" || key == "-" || key == "title" || key == "identifier" {
			continue
		}
		try(key+":\n", key)
		// and the keys of a section (print:, lint:)
		if f.Type.Kind() == reflect.Struct {
			for j := 0; j < f.Type.NumField(); j++ {
				sub, _, _ := strings.Cut(f.Type.Field(j).Tag.Get("yaml"), ",")
				if sub != "" && sub != "-" {
					try(key+":\n  "+sub+":\n", key+": "+sub)
				}
			}
		}
	}
	c, err := manuscript.ParseConfig([]byte("title: 長い長い書名\nshort-title: 短い書名\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000000\n"))
	if err != nil || c.ShortTitle != "短い書名" {
		t.Errorf("short-title: %v %+v", err, c)
	}
}
