//go:build unix

package signing

import "syscall"

const oNonblock = syscall.O_NONBLOCK
