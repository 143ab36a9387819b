package lsp

import (
	"context"

	"github.com/glossary/glossary/corpus"
)

// Glossary is what the language server needs from the glossary. Local
// answers from an index opened in this process, Remote from a glossary
// server's JSON API.
type Glossary interface {
	// Suggest returns at most size terms completing what the user is
	// typing, best first; only the terms of role when role is set.
	Suggest(ctx context.Context, prefix string, size int, role string) ([]Term, error)
	// Lookup returns the term that has key (see nameKey) as its name, one
	// of its aliases or one of its forms, or nil when no term has.
	Lookup(ctx context.Context, key string) (*Term, error)
	// Term returns the whole entry of the term with this id.
	Term(ctx context.Context, id string) (*Term, error)
	// Corpus returns the corpus the terminology checker knows, which
	// changes when the glossary does, or nil when there is none.
	Corpus(ctx context.Context) (*corpus.Corpus, error)
}

// Term is a glossary entry as an editor shows it.
type Term struct {
	ID           string
	Name         string
	PartOfSpeech string
	Level        string
	Definition   string
	Examples     []string
	// Related are the names of related terms, strongest link first (from
	// Lookup and Term only).
	Related []string
	// Roles are the slugs of the roles whose vocabulary has the term.
	Roles []string
	// ConfusedWith are the ids of the terms learners mix this one up
	// with: its confused-with links (from Lookup and Term only).
	ConfusedWith []string
	// Summary marks a term from Suggest that has only ID, Name,
	// PartOfSpeech, Level, Roles and Definition. For a client that resolves
	// completion items lazily, the server then leaves the documentation
	// for completionItem/resolve, which asks Term; others get the
	// definition at once.
	Summary bool
}

// maxRelated is how many related terms a hover lists.
const maxRelated = 5
