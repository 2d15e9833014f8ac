package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// gitRepo reads a bare repository (a snapshot without work tree) through
// the git command; blobs come from one long-running `cat-file --batch`.
type gitRepo struct {
	dir   string
	batch *exec.Cmd
	in    io.WriteCloser
	out   *bufio.Reader
}

func openGit(dir string) (*gitRepo, error) {
	r := &gitRepo{dir: dir}
	if _, err := r.run("rev-parse", "--git-dir"); err != nil {
		return nil, err
	}
	r.batch = exec.Command("git", "--git-dir", dir, "cat-file", "--batch")
	var err error
	if r.in, err = r.batch.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := r.batch.StdoutPipe()
	if err != nil {
		return nil, err
	}
	r.out = bufio.NewReaderSize(stdout, 1<<20)
	return r, r.batch.Start()
}

func (r *gitRepo) close() {
	r.in.Close()
	r.batch.Wait()
}

// run runs a git command and returns its standard output.
func (r *gitRepo) run(args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"--git-dir", r.dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s in %s: %v: %s", strings.Join(args, " "), r.dir, err, stderr.String())
	}
	return string(out), nil
}

// read returns the blob at rev:path; ok is false when it does not exist.
func (r *gitRepo) read(rev, path string) (data []byte, ok bool, err error) {
	if _, err := fmt.Fprintf(r.in, "%s:%s\n", rev, path); err != nil {
		return nil, false, err
	}
	header, err := r.out.ReadString('\n')
	if err != nil {
		return nil, false, err
	}
	f := strings.Fields(header)
	if len(f) != 3 {
		return nil, false, nil // "<name> missing" or ambiguous
	}
	size, err := strconv.Atoi(f[2])
	if err != nil {
		return nil, false, fmt.Errorf("cat-file header %q", header)
	}
	buf := make([]byte, size+1) // content and a newline
	if _, err := io.ReadFull(r.out, buf); err != nil {
		return nil, false, err
	}
	return buf[:size], f[1] == "blob", nil
}

// files lists the blobs under dir at rev, as paths relative to dir.
func (r *gitRepo) files(rev, dir string) ([]string, error) {
	out, err := r.run("ls-tree", "-r", "--name-only", rev, "--", dir+"/")
	if err != nil {
		return nil, err
	}
	var rels []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l != "" {
			rels = append(rels, strings.TrimPrefix(l, dir+"/"))
		}
	}
	return rels, nil
}
