package checks

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// worktreeSecrets searches the scanned tree once per scan (not per app):
// credential files by name, config, env, script and key files by content,
// and every other text file for a whole updater secret key.
func worktreeSecrets(p *rules.Project) []signing.SecretHit {
	return p.ScanMemo("signing.worktreeSecrets", func() any {
		var out []signing.SecretHit
		for _, rel := range p.FilesUnder(".") {
			if what, ok := signing.CredentialFile(rel); ok {
				out = append(out, signing.SecretHit{Kind: signing.SigningCredential, Path: rel, What: what,
					Subject: rel, Fixture: signing.IsFixturePath(rel)})
				continue
			}
			if !signing.TextCandidate(rel) {
				out = append(out, embeddedUpdaterKeys(p, rel)...)
				continue
			}
			f := p.Read(rel)
			if f == nil {
				continue
			}
			for _, h := range signing.ScanText(rel, f.Data) {
				if isWorkflowPath(rel) && h.Kind != signing.UpdaterKey {
					continue // TA-GIT-006 reads workflows with their YAML structure
				}
				out = append(out, h)
			}
		}
		return out
	}).([]signing.SecretHit)
}

// keyMarkers are the starts of a minisign/rsign secret key file: its
// comment line as text, and base64 of it (how Tauri stores the key).
var keyMarkers = func() [][]byte {
	var out [][]byte
	for _, c := range []string{"untrusted comment: rsign encrypted secret key", "untrusted comment: minisign encrypted secret key"} {
		out = append(out, []byte(c), []byte(base64.StdEncoding.EncodeToString([]byte(c))))
	}
	return out
}()

// noKeyExts are binary formats and media never searched for keys.
var noKeyExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".ico": true, ".icns": true,
	".webp": true, ".bmp": true, ".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true, ".mp3": true,
	".mp4": true, ".wav": true, ".ogg": true, ".webm": true, ".pdf": true, ".zip": true, ".gz": true, ".tgz": true,
	".xz": true, ".7z": true, ".exe": true, ".dll": true, ".so": true, ".dylib": true, ".wasm": true, ".node": true,
	".a": true, ".lib": true, ".o": true, ".jar": true, ".class": true, ".dmg": true, ".msi": true, ".deb": true,
	".rpm": true, ".appimage": true, ".sig": true, ".lockb": true}

// maxKeySearch caps the bytes of a source file searched for a key.
const maxKeySearch = 4 << 20

// embeddedUpdaterKeys finds whole updater secret keys in a text file that
// TextCandidate leaves out (source code, docs): the marker must be
// followed by the key body (80+ base64 characters after the base64
// marker, or a base64 line of that length after the comment line), so
// documentation quoting only the prefix is not a key. The file is read
// without keeping it unless it holds one.
func embeddedUpdaterKeys(p *rules.Project, rel string) []signing.SecretHit {
	if noKeyExts[strings.ToLower(path.Ext(rel))] {
		return nil
	}
	data := p.ReadHead(rel, maxKeySearch)
	if len(data) == 0 || bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
		return nil
	}
	found := false
	for _, m := range keyMarkers {
		if i := bytes.Index(data, m); i >= 0 && keyBodyFollows(data[i+len(m):]) {
			found = true
		}
	}
	if !found {
		return nil
	}
	f := p.Read(rel)
	if f == nil {
		return nil
	}
	var out []signing.SecretHit
	for _, h := range signing.ScanText(rel, f.Data) {
		if h.Kind == signing.UpdaterKey && h.End <= len(f.Data) && keyBodyFollows(f.Data[h.End:]) {
			out = append(out, h)
		}
	}
	return out
}

// keyBodyFollows reports 80+ base64 characters right after a marker, or
// on the next line (a decoded key file: comment line, then the key).
func keyBodyFollows(rest []byte) bool {
	run := func(b []byte) int {
		n := 0
		for n < len(b) && (b[n] >= 'A' && b[n] <= 'Z' || b[n] >= 'a' && b[n] <= 'z' || b[n] >= '0' && b[n] <= '9' || b[n] == '+' || b[n] == '/' || b[n] == '=') {
			n++
		}
		return n
	}
	if run(rest) >= 80 {
		return true
	}
	if i := bytes.IndexByte(rest, '\n'); i >= 0 && i < 4 {
		return run(rest[i+1:]) >= 80
	}
	return false
}

func isWorkflowPath(rel string) bool {
	return strings.HasPrefix(rel, ".github/workflows/") || strings.Contains(rel, "/.github/workflows/")
}

// reportSecrets reports the hits of one kind in the tree and, when
// history is read, in history blobs no longer in HEAD.
func reportSecrets(pass *rules.Pass, kind signing.SecretKind) {
	for _, h := range worktreeSecrets(pass.Project) {
		if h.Kind != kind {
			continue
		}
		loc := source.Location{File: h.Path}
		if f := pass.Project.Files().File(h.Path); f != nil && h.Line > 0 {
			loc = f.Span(h.Offset, h.End)
		}
		pass.Report(secretFinding(h, loc, ""))
	}
	hist := gitHistoryOf(pass.Project)
	if hist == nil || hist.Err != nil {
		return
	}
	for _, h := range hist.Audit.Secrets {
		if h.Kind != kind {
			continue
		}
		loc := source.Location{File: hist.BlobPath(h.Path), Commit: h.Commit.String()}
		if h.Line > 0 {
			loc.Start = source.Pos{Line: h.Line, Col: h.Col}
			loc.End = source.Pos{Line: h.Line, Col: h.EndCol}
		}
		pass.Report(secretFinding(h, loc, fmt.Sprintf(" in history (commit %s; no longer in HEAD)", h.Commit.Short())))
	}
}

func secretFinding(h signing.SecretHit, loc source.Location, where string) rules.Finding {
	f := rules.Finding{Location: loc, Subject: h.Subject, Message: h.What + where}
	if h.Fixture {
		f.Level = rules.Warning
		f.Message += " (under a test/fixture folder)"
	}
	return f
}
