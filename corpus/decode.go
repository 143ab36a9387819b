package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// fileDecoder turns one YAML file into Go values, reporting problems with
// their positions instead of stopping at the first.
type fileDecoder struct {
	file string
	p    *problems
}

// parse parses a file's bytes into its document node. It returns nil, after
// reporting the problem, when the file is not UTF-8 text, the YAML is
// malformed or the file is empty. Content after a "---" separator (a
// second document, which YAML readers ignore) is reported too.
func (d *fileDecoder) parse(data []byte) *yaml.Node {
	if line, col, msg := badText(data); msg != "" {
		d.p.at(Pos{File: d.file, Line: line, Col: col}, "%s", msg)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		d.p.at(d.syntaxPos(err), "invalid YAML: %s", syntaxMessage(data, err))
		return nil
	}
	if len(doc.Content) == 0 {
		d.p.at(Pos{File: d.file, Line: 1, Col: 1}, "file is empty")
		return nil
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil && len(next.Content) > 0 || err != nil && err != io.EOF {
		line := separatorLine(data, doc.Content[0])
		d.p.at(Pos{File: d.file, Line: line, Col: 1}, "a second YAML document starts here: a corpus file holds one, and everything after this --- would be ignored; remove the separator or move what follows to a file of its own")
	}
	return doc.Content[0]
}

// syntaxPos returns where the YAML reader found err: the point it could
// not go past, which is where an editor should put the cursor.
func (d *fileDecoder) syntaxPos(err error) Pos {
	pos := Pos{File: d.file, Line: 1, Col: 1}
	var le *yaml.LoadError
	if errors.As(err, &le) && le.Mark.Line > 0 {
		pos.Line, pos.Col = le.Mark.Line, max(le.Mark.Column, 1)
	}
	return pos
}

// syntaxMessage says what the YAML reader found wrong and, when the
// construct it was reading started elsewhere (an unclosed bracket or
// quote), where that was, as a compiler's "to match this" note does.
// A tab where indentation goes gets the rule it breaks.
func syntaxMessage(data []byte, err error) string {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		return strings.TrimPrefix(err.Error(), "yaml: ")
	}
	msg := le.Message
	if i := le.Mark.Index; i >= 0 && i < len(data) && data[i] == '\t' {
		return msg + ": a tab; YAML indents with spaces only"
	}
	if c := le.ContextMark; le.ContextMsg != "" && c.Line > 0 && c != le.Mark {
		msg += fmt.Sprintf(" (%s that starts at line %d, column %d)", le.ContextMsg, c.Line, c.Column)
	}
	return msg
}

// separatorLine returns the line of the first "---" document separator
// after the first document's root node starts.
func separatorLine(data []byte, root *yaml.Node) int {
	for i, line := range strings.Split(string(data), "\n") {
		if i+1 > root.Line && (strings.TrimRight(line, " \t\r") == "---" || strings.HasPrefix(line, "--- ")) {
			return i + 1
		}
	}
	return root.Line
}

// badText finds the first byte that keeps data from being YAML text:
// invalid UTF-8, a NUL or another control character (tabs and line ends
// are text). It returns its 1-based line and column (in characters, as
// YAML positions are) and a message, or an empty message.
func badText(data []byte) (line, col int, msg string) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return line, col, fmt.Sprintf("invalid UTF-8 (byte 0x%02X): save the file as UTF-8", data[i])
		case r == 0:
			return line, col, "a NUL character: corpus files are text; remove it"
		case r == '\n':
			line, col = line+1, 0
		case r != '\t' && r != '\r' && (r < 0x20 || r == 0x7f || 0x80 <= r && r < 0xa0):
			return line, col, fmt.Sprintf("control character U+%04X: YAML does not allow it; remove it", r)
		}
		i += n
		col++
	}
	return 0, 0, ""
}

func (d *fileDecoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

func (d *fileDecoder) errorf(n *yaml.Node, format string, args ...any) {
	d.p.at(d.pos(n), format, args...)
}

// field is one key of a mapping with its value.
type field struct {
	key   *yaml.Node
	value *yaml.Node
}

// mapping returns the fields of a mapping node, reporting unknown and
// repeated keys. known lists the accepted keys in the order of the schema.
func (d *fileDecoder) mapping(n *yaml.Node, what string, known []string) map[string]field {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping of field: value, got %s", what, kindName(n))
		return nil
	}
	fields := make(map[string]field, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		switch {
		case !slices.Contains(known, name):
			d.errorf(k, "unknown field %q in %s%s (known fields: %s)", name, what, suggestField(name, known), strings.Join(known, ", "))
		case fields[name].key != nil:
			prev := fields[name].key
			d.errorf(k, "field %q repeated in %s (first at line %d)", name, what, prev.Line)
		default:
			fields[name] = field{key: k, value: v}
		}
	}
	return fields
}

// require reports each name missing from fields, at the mapping's position.
func (d *fileDecoder) require(n *yaml.Node, what string, fields map[string]field, names ...string) {
	for _, name := range names {
		if _, ok := fields[name]; !ok {
			d.errorf(n, "%s is missing required field %q", what, name)
		}
	}
}

// str decodes a scalar string value, trimming surrounding space. Empty
// strings are reported: an empty field is never what a maintainer meant.
func (d *fileDecoder) str(f field) string {
	n := f.value
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errorf(n, "field %q must be text, got %s", f.key.Value, kindName(n))
		return ""
	}
	s := strings.Join(strings.Fields(n.Value), " ")
	if s == "" {
		d.errorf(n, "field %q is empty", f.key.Value)
	}
	return s
}

// strs decodes a sequence of scalar strings, returning each item's position.
func (d *fileDecoder) strs(f field) ([]string, []Pos) {
	n := f.value
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "field %q must be a list, got %s", f.key.Value, kindName(n))
		return nil, nil
	}
	out := make([]string, 0, len(n.Content))
	pos := make([]Pos, 0, len(n.Content))
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
			d.errorf(item, "items of %q must be text, got %s", f.key.Value, kindName(item))
			continue
		}
		s := strings.Join(strings.Fields(item.Value), " ")
		if s == "" {
			d.errorf(item, "empty item in %q", f.key.Value)
			continue
		}
		out = append(out, s)
		pos = append(pos, d.pos(item))
	}
	return out, pos
}

// seq returns the items of a sequence field, reporting other kinds.
func (d *fileDecoder) seq(f field) []*yaml.Node {
	if f.value == nil {
		return nil
	}
	if f.value.Kind != yaml.SequenceNode {
		d.errorf(f.value, "field %q must be a list, got %s", f.key.Value, kindName(f.value))
		return nil
	}
	return f.value.Content
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

// suggestField names the known field closest to a misspelt one.
func suggestField(name string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := EditDistance(name, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// EditDistance is the Levenshtein distance between two short strings, in
// characters. It is for messages and suggestions, not for hot paths.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// pronunciation decodes a term's pronunciation mapping: IPA between
// slashes for us (required unless written_only) and uk, the spoken form in
// say, or written_only: true alone.
func (d *fileDecoder) pronunciation(f field) *Pronunciation {
	fs := d.mapping(f.value, "pronunciation", pronFields)
	if fs == nil {
		return nil
	}
	p := &Pronunciation{}
	ipa := func(name string) string {
		g, ok := fs[name]
		if !ok {
			return ""
		}
		s := d.str(g)
		if s != "" && (len(s) < 3 || !strings.HasPrefix(s, "/") || !strings.HasSuffix(s, "/")) {
			d.errorf(g.value, "pronunciation %s must be IPA between slashes, such as /ˈkæʃ/, got %q", name, s)
		}
		return s
	}
	p.US, p.UK = ipa("us"), ipa("uk")
	if g, ok := fs["say"]; ok {
		p.Say = d.str(g)
	}
	if g, ok := fs["written_only"]; ok {
		if g.value.Kind != yaml.ScalarNode || g.value.Value != "true" {
			d.errorf(g.value, "written_only must be true, or left out")
		}
		p.WrittenOnly = true
		if p.US != "" || p.UK != "" || p.Say != "" {
			d.errorf(g.key, "a written-only form has no us, uk or say")
		}
		return p
	}
	switch {
	case p.US == "" && fs["us"].key == nil:
		d.errorf(f.value, "pronunciation needs us (IPA between slashes), or written_only: true")
	case p.UK != "" && p.UK == p.US:
		d.errorf(fs["uk"].value, "uk is the same as us: give uk only where British speech differs")
	}
	return p
}
