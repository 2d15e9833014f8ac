package updatechannel

import (
	"slices"
	"strings"
)

// Identity is what ties a host or repository to the app: the owners and
// repositories of its repository fields and git remotes, and names from
// its identifier, product name and publisher.
type Identity struct {
	Owners []string // lower-case repository owners ("tauri-apps")
	Repos  []string // lower-case "owner/repo"
	Names  []string // lower-case letters and digits: "ecopaste", "surrealist"
	// Sources says where each repository was read, for messages
	// ("acme/notes in package.json repository").
	Sources []string
}

// AddRepository records a repository URL or shorthand as package.json and
// Cargo.toml spell it ("https://github.com/o/r.git", "github:o/r", "o/r",
// "git@github.com:o/r.git"), and a git remote URL. Unreadable values are
// ignored.
func (id *Identity) AddRepository(s, source string) {
	owner, repo, ok := ParseRepository(s)
	if !ok {
		return
	}
	owner, repo = strings.ToLower(owner), strings.ToLower(repo)
	id.add(&id.Owners, owner)
	id.add(&id.Repos, owner+"/"+repo)
	id.AddName(owner)
	id.AddName(repo)
	id.add(&id.Sources, owner+"/"+repo+" in "+source)
}

// AddName records a name the app's own hosts may carry (owner, repository,
// product name, publisher, an identifier's labels); generic words and
// short names are ignored.
func (id *Identity) AddName(s string) {
	n := alnum(s)
	if len(n) < 4 || genericNames[n] {
		return
	}
	id.add(&id.Names, n)
}

// AddIdentifier records the labels of a reverse-domain identifier
// ("com.ecopaste.app" gives "ecopaste").
func (id *Identity) AddIdentifier(s string) {
	for _, l := range strings.Split(s, ".") {
		id.AddName(l)
	}
}

// genericNames are identifier labels and words that name no one.
var genericNames = map[string]bool{"com": true, "org": true, "net": true, "app": true, "apps": true,
	"desktop": true, "client": true, "tauri": true, "github": true, "release": true,
	"releases": true, "update": true, "updates": true, "updater": true, "download": true, "main": true,
	"studio": true, "tool": true, "tools": true, "dev": true, "open": true, "mobile": true, "www": true}

func (id *Identity) add(list *[]string, s string) {
	if s != "" && !slices.Contains(*list, s) {
		*list = append(*list, s)
	}
}

// Known reports whether anything identifies the app's owner: without a
// repository, hosts are not judged.
func (id *Identity) Known() bool { return id != nil && len(id.Owners) > 0 }

// OwnsRepo reports whether owner/repo belongs to an owner of the app (or
// the owner is unknown).
func (id *Identity) OwnsRepo(repo string) bool {
	if !id.Known() {
		return true
	}
	owner, _, _ := strings.Cut(strings.ToLower(repo), "/")
	return slices.Contains(id.Owners, owner)
}

// OwnsHost reports whether host carries one of the app's names: a name
// inside the host ("releases.ecopaste.cn" for the repository EcoPaste),
// or a host label of four characters or more that begins a name
// ("coco.rs" for coco-app).
func (id *Identity) OwnsHost(host string) bool {
	flat := alnum(host)
	for _, n := range id.Names {
		if strings.Contains(flat, n) {
			return true
		}
	}
	labels := strings.FieldsFunc(strings.ToLower(host), func(r rune) bool { return r == '.' || r == '-' })
	for _, l := range labels[:max(len(labels)-1, 0)] { // not the top-level domain
		l = alnum(l)
		if len(l) < 4 || genericNames[l] {
			continue
		}
		for _, n := range id.Names {
			if strings.HasPrefix(n, l) {
				return true
			}
		}
	}
	return false
}

// alnum lower-cases s and keeps its ASCII letters and digits.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParseRepository reads owner and repository from a repository field or
// git remote URL on any host.
func ParseRepository(s string) (owner, repo string, ok bool) {
	s = strings.TrimSpace(s)
	for _, p := range []string{"github:", "gitlab:", "bitbucket:", "gitee:", "git+"} {
		s = strings.TrimPrefix(s, p)
	}
	if _, rest, found := strings.Cut(s, "://"); found {
		s = rest
		if _, after, ok := strings.Cut(s, "@"); ok && !strings.Contains(s[:strings.Index(s, "@")], "/") {
			s = after // user@host
		}
		_, s, _ = strings.Cut(s, "/") // drop the host
	} else if at := strings.Index(s, "@"); at >= 0 {
		if _, path, ok := strings.Cut(s[at+1:], ":"); ok { // git@host:owner/repo
			s = path
		}
	}
	s = strings.TrimSuffix(strings.Trim(s, "/"), ".git")
	parts := strings.Split(s, "/")
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return "", "", false
	}
	return parts[0], strings.TrimSuffix(parts[1], ".git"), true
}
