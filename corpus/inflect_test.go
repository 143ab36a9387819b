package corpus

import "testing"

func TestIsInflection(t *testing.T) {
	t.Parallel()
	tests := []struct {
		head, form string
		want       bool
	}{
		{"shard", "shards", true},
		{"sharding", "sharded", true}, // both forms of "shard"
		{"sharding", "shard", true},
		{"race condition", "race conditions", true},
		{"roll back", "rolled back", true},
		{"roll back", "rolling back", true},
		{"cherry-pick", "cherry-picked", true},
		{"commit", "committed", true},
		{"query", "queries", true},
		{"index", "indices", true},
		{"schema", "schemata", true},
		{"panic", "panicked", true},
		{"build", "built", true},
		{"troubleshoot", "troubleshot", true},
		{"dig into", "dug into", true},
		{"API", "APIs", true},
		{"accuracy", "accurately", false},
		{"authentication", "authenticate", false},
		{"deployment", "deploy", false},
		{"workaround", "work around", false},
		{"all-hands", "all-hands meetings", false},
		{"argument", "args", false},
		{"cache", "caches", true},
		{"cache", "cached", true},
		{"cache", "caching", true},
	}
	for _, tt := range tests {
		if got := isInflection(tt.head, tt.form); got != tt.want {
			t.Errorf("isInflection(%q, %q) = %v; want %v", tt.head, tt.form, got, tt.want)
		}
	}
}
