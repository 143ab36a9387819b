package lsp

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/glossary/glossary/corpus"
)

// Settings are what the user chooses in the editor, sent as the
// initialize request's initializationOptions and as
// workspace/didChangeConfiguration, either as they are or under a
// "glossary" key (VS Code and eglot send a section per server):
//
//	{"glossary": {"role": "backend-developer", "level": "B2",
//	              "diagnostics": {"typo": "information", "name": "off"}}}
type Settings struct {
	// Role is a role's slug: completion offers that role's terms first.
	Role string `json:"role"`
	// Level is the writer's CEFR level: completion offers terms at or
	// below it before harder ones.
	Level string `json:"level"`
	// Diagnostics set each kind of diagnostic's severity, or "off".
	Diagnostics DiagnosticSettings `json:"diagnostics"`
}

// DiagnosticSettings are the severities of the terminology checker's
// findings: "off", "hint", "information", "warning" or "error"; empty
// for the default.
type DiagnosticSettings struct {
	// Typo is for a misspelt term ("idempotant"); information by default.
	Typo switchable `json:"typo"`
	// Name is for a wrong form of a name ("Github", "Postgres SQL"); hint
	// by default.
	Name switchable `json:"name"`
}

// switchable is a severity's name, or false for "off" and true for the
// default (eglot writes false as :json-false).
type switchable string

func (v *switchable) UnmarshalJSON(b []byte) error {
	var on bool
	if json.Unmarshal(b, &on) == nil {
		*v = ""
		if !on {
			*v = "off"
		}
		return nil
	}
	return json.Unmarshal(b, (*string)(v))
}

// defaultSeverities are the severities of findings when settings name
// none: neither is an error in the writer's eyes, and a hint is what a
// style choice deserves.
var defaultSeverities = map[string]protocol.DiagnosticSeverity{
	kindTypo: protocol.DiagnosticSeverityInformation,
	kindName: protocol.DiagnosticSeverityHint,
}

var severities = map[string]protocol.DiagnosticSeverity{
	"hint": protocol.DiagnosticSeverityHint, "information": protocol.DiagnosticSeverityInformation,
	"info": protocol.DiagnosticSeverityInformation, "warning": protocol.DiagnosticSeverityWarning,
	"error": protocol.DiagnosticSeverityError,
}

// severity returns the severity of a kind of finding, and false when it
// is off.
func (s Settings) severity(kind string) (protocol.DiagnosticSeverity, bool) {
	v := s.Diagnostics.Typo
	if kind == kindName {
		v = s.Diagnostics.Name
	}
	switch v := strings.ToLower(string(v)); v {
	case "":
		return defaultSeverities[kind], true
	case "off", "none", "false":
		return 0, false
	default:
		return severities[v], true
	}
}

// parseSettings reads settings from what an editor sent (any JSON
// value). Null or absent means the defaults; a wrong value is an error
// naming it, for the editor's log.
func parseSettings(v any) (Settings, error) {
	var s Settings
	if v == nil {
		return s, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return s, fmt.Errorf("settings: %w", err)
	}
	var wrapped struct {
		Glossary *json.RawMessage `json:"glossary"`
	}
	if json.Unmarshal(b, &wrapped) == nil && wrapped.Glossary != nil {
		b = *wrapped.Glossary
	}
	if string(b) == "null" || string(b) == "[]" {
		return s, nil // an empty Lua table is encoded as []
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return Settings{}, fmt.Errorf("settings %s: %w", b, err)
	}
	if s.Level != "" && !slices.Contains(corpus.Levels, strings.ToUpper(s.Level)) {
		return Settings{}, fmt.Errorf("settings: level %q is not one of %s", s.Level, strings.Join(corpus.Levels, ", "))
	}
	s.Level = strings.ToUpper(s.Level)
	for name, v := range map[string]switchable{"typo": s.Diagnostics.Typo, "name": s.Diagnostics.Name} {
		switch strings.ToLower(string(v)) {
		case "", "off", "none", "false", "hint", "information", "info", "warning", "error":
		default:
			return Settings{}, fmt.Errorf("settings: diagnostics.%s is %q; want off, hint, information, warning or error", name, v)
		}
	}
	return s, nil
}
