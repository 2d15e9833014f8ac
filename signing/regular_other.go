//go:build !unix

package signing

const oNonblock = 0
