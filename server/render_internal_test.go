package server

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/glossary/glossary/server/web"
)

// TestNewTemplateError checks that New reports page templates that do
// not parse, or are missing, instead of panicking.
func TestNewTemplateError(t *testing.T) {
	t.Parallel()
	good, err := fs.ReadFile(web.Templates(), "layout.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		templates fs.FS
		want      string
	}{
		{"syntax error", fstest.MapFS{"layout.html": {Data: []byte("{{define \"layout\"}}{{if}}")}}, "page template home"},
		{"missing page", fstest.MapFS{"layout.html": {Data: good}}, "page template home"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newServer(&Pending{}, Options{}, tt.templates)
			if err == nil || s != nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("newServer(%s) = %v, %v; want an error containing %q", tt.name, s, err, tt.want)
			}
		})
	}
	if s, err := newServer(&Pending{}, Options{}, web.Templates()); err != nil || s == nil {
		t.Errorf("newServer(web.Templates()) = %v, %v; want a server", s, err)
	}
}
