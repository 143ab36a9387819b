package server

// SetETagHash replaces the hash an ETag shows until the returned function
// restores it: tests use a weak one to make two URLs' tags collide.
func SetETagHash(h func(key string) uint64) (restore func()) {
	old := etagHash
	etagHash = h
	return func() { etagHash = old }
}
