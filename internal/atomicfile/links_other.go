//go:build !unix

package atomicfile

import "io/fs"

// links is how many names a file has: one where the system does not say.
func links(fs.FileInfo) uint64 { return 1 }
