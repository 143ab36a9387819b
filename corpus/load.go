package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var (
	termFields  = []string{"term", "aliases", "misspellings", "forms", "part_of_speech", "level", "definition", "examples", "categories", "related", "collocations", "notes", "pronunciation", "senses"}
	senseFields = []string{"id", "aliases", "part_of_speech", "level", "definition", "examples", "categories", "related", "collocations", "notes"}
	pronFields  = []string{"us", "uk", "say", "written_only"}
	linkFields  = []string{"id", "type"}
	roleFields  = []string{"name", "summary", "topics", "spotlight", "categories", "scenarios", "related_roles"}
	rcatFields  = []string{"category", "terms"}
)

// Load reads and validates the corpus in fsys. Paths in error messages are
// joined to root (for example "corpus" or the folder given with --corpus),
// so they point at the files a maintainer edits.
//
// When anything is wrong, Load returns a nil Corpus and an Errors value
// listing every problem; a read failure of the file system itself is
// returned wrapped instead.
func Load(fsys fs.FS, root string) (*Corpus, error) {
	l := &loader{fsys: fsys, root: root, p: &problems{}}
	c, err := l.load()
	if err != nil {
		return nil, err
	}
	if len(l.p.errs) > 0 {
		l.p.errs.sort()
		return nil, l.p.errs
	}
	return c, nil
}

type loader struct {
	fsys fs.FS
	root string
	p    *problems
}

func (l *loader) display(name string) string {
	if l.root == "" {
		return name
	}
	return path.Join(l.root, name)
}

// yamlFiles lists the .yaml files of a folder, reporting files that look
// like corpus files but would be ignored.
func (l *loader) yamlFiles(dir string) ([]string, error) {
	entries, err := fs.ReadDir(l.fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		l.p.at(Pos{File: l.display(dir)}, "folder %s is missing", dir)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", l.display(dir), err)
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir() || strings.HasPrefix(name, "."):
		case strings.HasSuffix(name, ".yaml"):
			names = append(names, path.Join(dir, name))
		case strings.HasSuffix(name, ".yml"):
			l.p.at(Pos{File: l.display(path.Join(dir, name))}, "corpus files end in .yaml, not .yml: rename the file")
		}
	}
	return names, nil
}

func (l *loader) decoder(name string) (*fileDecoder, *yaml.Node, error) {
	data, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", l.display(name), err)
	}
	d := &fileDecoder{file: l.display(name), p: l.p}
	return d, d.parse(data), nil
}

func (l *loader) load() (*Corpus, error) {
	c := &Corpus{terms: map[string]*Term{}, roles: map[string]*Role{}, categories: map[string]string{}}
	if err := l.loadCategories(c); err != nil {
		return nil, err
	}
	termFiles, err := l.yamlFiles("terms")
	if err != nil {
		return nil, err
	}
	for _, name := range termFiles {
		t, err := l.loadTerm(name)
		if err != nil {
			return nil, err
		}
		if t != nil {
			c.Terms = append(c.Terms, t)
			c.terms[t.ID] = t
		} else {
			l.p.failed("terms", strings.TrimSuffix(path.Base(name), ".yaml"))
		}
	}
	roleFiles, err := l.yamlFiles("roles")
	if err != nil {
		return nil, err
	}
	for _, name := range roleFiles {
		r, err := l.loadRole(name)
		if err != nil {
			return nil, err
		}
		if r != nil {
			c.Roles = append(c.Roles, r)
			c.roles[r.Slug] = r
		} else {
			l.p.failed("roles", strings.TrimSuffix(path.Base(name), ".yaml"))
		}
	}
	slices.SortFunc(c.Terms, func(a, b *Term) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Roles, func(a, b *Role) int { return strings.Compare(a.Slug, b.Slug) })
	validate(c, l.p)
	derive(c)
	return c, nil
}

func (l *loader) loadCategories(c *Corpus) error {
	const name = "categories.yaml"
	if _, err := fs.Stat(l.fsys, name); errors.Is(err, fs.ErrNotExist) {
		l.p.at(Pos{File: l.display(name)}, "file is missing: it maps each category slug to its label")
		return nil
	}
	d, root, err := l.decoder(name)
	if err != nil || root == nil {
		return err
	}
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "categories.yaml must map each category slug to its label, got %s", kindName(root))
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		slug := k.Value
		if !slugRe.MatchString(slug) {
			d.errorf(k, "category slug %q must be lower-case words joined by hyphens", slug)
			continue
		}
		if _, dup := c.categories[slug]; dup {
			d.errorf(k, "category %q is defined twice", slug)
			continue
		}
		label := d.str(field{key: k, value: v})
		c.categories[slug] = label
		c.Categories = append(c.Categories, Category{Slug: slug, Label: label})
	}
	slices.SortFunc(c.Categories, func(a, b Category) int { return strings.Compare(a.Slug, b.Slug) })
	return nil
}

func (l *loader) loadTerm(name string) (*Term, error) {
	d, root, err := l.decoder(name)
	if err != nil || root == nil {
		return nil, err
	}
	id := strings.TrimSuffix(path.Base(name), ".yaml")
	t := &Term{ID: id, Source: SourceCurated, Pos: Pos{File: d.file, Line: 1, Col: 1}, fields: map[string]Pos{}}
	if !slugRe.MatchString(id) {
		d.p.at(t.Pos, "term id %q (the file name) must be lower-case letters and digits joined by hyphens", id)
	}
	fs := d.mapping(root, "term", termFields)
	if fs == nil {
		return t, nil
	}
	d.require(root, "term", fs, "term", "part_of_speech", "level", "definition", "examples", "categories")
	for name, f := range fs {
		t.fields[name] = d.pos(f.value)
	}
	t.Term = d.str(fs["term"])
	t.PartOfSpeech = d.str(fs["part_of_speech"])
	t.Level = d.str(fs["level"])
	t.Definition = d.str(fs["definition"])
	if f, ok := fs["notes"]; ok {
		t.Notes = d.str(f)
	}
	if f, ok := fs["pronunciation"]; ok {
		t.Pronunciation = d.pronunciation(f)
	}
	var pos []Pos
	t.Aliases, pos = d.strs(fs["aliases"])
	l.keepPos(t.fields, "aliases", pos)
	t.Forms, pos = d.strs(fs["forms"])
	l.keepPos(t.fields, "forms", pos)
	t.Misspellings, pos = d.strs(fs["misspellings"])
	l.keepPos(t.fields, "misspellings", pos)
	t.Examples, pos = d.strs(fs["examples"])
	l.keepPos(t.fields, "examples", pos)
	t.Categories, pos = d.strs(fs["categories"])
	l.keepPos(t.fields, "categories", pos)
	t.Collocations, pos = d.strs(fs["collocations"])
	l.keepPos(t.fields, "collocations", pos)
	t.Related = d.links(fs["related"])
	seen := map[string]int{} // sense id -> line of its first use
	for _, item := range d.seq(fs["senses"]) {
		m := l.loadMeaning(d, item)
		if m == nil {
			continue
		}
		if m.ID != "" {
			if line, dup := seen[m.ID]; dup {
				d.p.at(m.posOf("id"), "sense id %q repeated (first at line %d): each sense of a term needs its own id", m.ID, line)
			}
			seen[m.ID] = m.Pos.Line
		}
		if m.PartOfSpeech == "" {
			m.PartOfSpeech = t.PartOfSpeech
		}
		t.Meanings = append(t.Meanings, m)
	}
	if f, ok := fs["senses"]; ok && f.value.Kind == yaml.SequenceNode && len(f.value.Content) == 0 {
		d.errorf(f.value, "senses is empty: list the further senses, or leave the field out")
	}
	return t, nil
}

// loadMeaning decodes one item of a term's senses list.
func (l *loader) loadMeaning(d *fileDecoder, item *yaml.Node) *Meaning {
	fs := d.mapping(item, "sense", senseFields)
	if fs == nil {
		return nil
	}
	d.require(item, "sense", fs, "id", "level", "definition", "examples", "categories")
	m := &Meaning{Pos: d.pos(item), fields: map[string]Pos{}}
	for name, f := range fs {
		m.fields[name] = d.pos(f.value)
	}
	m.ID = d.str(fs["id"])
	if m.ID != "" && !slugRe.MatchString(m.ID) {
		d.errorf(fs["id"].value, "sense id %q must be lower-case letters and digits joined by hyphens", m.ID)
	}
	if f, ok := fs["part_of_speech"]; ok {
		m.PartOfSpeech = d.str(f)
	}
	m.Level = d.str(fs["level"])
	m.Definition = d.str(fs["definition"])
	if f, ok := fs["notes"]; ok {
		m.Notes = d.str(f)
	}
	var pos []Pos
	m.Aliases, pos = d.strs(fs["aliases"])
	l.keepPos(m.fields, "aliases", pos)
	m.Examples, pos = d.strs(fs["examples"])
	l.keepPos(m.fields, "examples", pos)
	m.Categories, pos = d.strs(fs["categories"])
	l.keepPos(m.fields, "categories", pos)
	m.Collocations, pos = d.strs(fs["collocations"])
	l.keepPos(m.fields, "collocations", pos)
	m.Related = d.links(fs["related"])
	return m
}

// links decodes a related list. A link's id is a term id, or a term id
// and one of its sense ids joined by "#" (model#data-model).
func (d *fileDecoder) links(f field) []Link {
	var out []Link
	for _, item := range d.seq(f) {
		lf := d.mapping(item, "related link", linkFields)
		if lf == nil {
			continue
		}
		d.require(item, "related link", lf, linkFields...)
		link := Link{ID: d.str(lf["id"]), Type: d.str(lf["type"]), Pos: d.pos(item)}
		if f, ok := lf["id"]; ok {
			link.Pos = d.pos(f.value)
		}
		if id, sense, ok := strings.Cut(link.ID, "#"); ok {
			link.ID, link.Sense = id, sense
			if !slugRe.MatchString(sense) {
				d.errorf(lf["id"].value, "related link %q: after the term id, # and a sense id of lower-case letters and digits joined by hyphens (model#data-model)", id+"#"+sense)
				link.Sense = ""
			}
		}
		if f, ok := lf["type"]; ok && link.Type != "" && !slices.Contains(LinkTypes, link.Type) {
			d.errorf(f.value, "related link type %q is not one of %s", link.Type, strings.Join(LinkTypes, ", "))
		}
		out = append(out, link)
	}
	return out
}

func (l *loader) keepPos(m map[string]Pos, name string, pos []Pos) {
	for i, p := range pos {
		m[fmt.Sprintf("%s[%d]", name, i)] = p
	}
}

func (l *loader) loadRole(name string) (*Role, error) {
	d, root, err := l.decoder(name)
	if err != nil || root == nil {
		return nil, err
	}
	slug := strings.TrimSuffix(path.Base(name), ".yaml")
	r := &Role{Slug: slug, Pos: Pos{File: d.file, Line: 1, Col: 1}, fields: map[string]Pos{}}
	if !slugRe.MatchString(slug) {
		d.p.at(r.Pos, "role slug %q (the file name) must be lower-case letters and digits joined by hyphens", slug)
	}
	fs := d.mapping(root, "role", roleFields)
	if fs == nil {
		return r, nil
	}
	d.require(root, "role", fs, "name", "summary", "topics", "spotlight", "categories", "scenarios")
	for name, f := range fs {
		r.fields[name] = d.pos(f.value)
	}
	r.Name = d.str(fs["name"])
	r.Summary = d.str(fs["summary"])
	var pos []Pos
	r.Topics, _ = d.strs(fs["topics"])
	r.Spotlight, pos = d.strs(fs["spotlight"])
	l.keepPos(r.fields, "spotlight", pos)
	r.Scenarios, _ = d.strs(fs["scenarios"])
	r.RelatedRoles, pos = d.strs(fs["related_roles"])
	l.keepPos(r.fields, "related_roles", pos)
	for _, item := range d.seq(fs["categories"]) {
		cf := d.mapping(item, "role category", rcatFields)
		if cf == nil {
			continue
		}
		d.require(item, "role category", cf, rcatFields...)
		rc := RoleCategory{Category: d.str(cf["category"]), Pos: d.pos(item)}
		if f, ok := cf["category"]; ok {
			rc.Pos = d.pos(f.value)
		}
		rc.Terms, rc.termPos = d.strs(cf["terms"])
		r.Categories = append(r.Categories, rc)
	}
	return r, nil
}
