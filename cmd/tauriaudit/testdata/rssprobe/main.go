//go:build linux

// Command rssprobe runs a command and writes "exit maxrss-KiB signal
// cpu-ms" to fd 3, cpu-ms being the command's user plus system time. The hostile-repository suite (../../hostile_test.go) starts the
// scanner through it: Linux charges a child with its parent's peak
// resident size when it execs, so the parent must be small for the
// child's peak to be its own.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "rssprobe:", err)
		os.Exit(125)
	}
	var rss, cpu int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
		cpu = (ru.Utime.Nano() + ru.Stime.Nano()) / 1e6
	}
	signal := 0
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		signal = int(ws.Signal())
	}
	fmt.Fprintf(os.NewFile(3, "report"), "%d %d %d %d\n", cmd.ProcessState.ExitCode(), rss, signal, cpu)
}
