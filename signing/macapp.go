package signing

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"path"
	"sort"
	"strings"
)

// MacApp is what a macOS .app bundle says about its signing.
type MacApp struct {
	Root    string // path of the bundle folder, "dist/My App.app"
	Name    string // "My App.app"
	Exe     string // path of the main executable inside the bundle
	Info    *BinaryInfo
	Stapled bool // Contents/CodeResources: the stapled notarization ticket
}

// maxAppExe caps the main executable read from an archive.
const maxAppExe = 512 << 20

// InspectAppFiles inspects the .app bundles among files (slash paths),
// reading executables with read. The main executable is the one named
// like the bundle, else the only file in Contents/MacOS.
func InspectAppFiles(files []string, read func(string) ([]byte, error)) []MacApp {
	apps := map[string]*MacApp{}
	exes := map[string][]string{}
	for _, f := range files {
		i := strings.Index(f, ".app/Contents/")
		if i < 0 {
			continue
		}
		root, rest := f[:i+4], f[i+len(".app/Contents/"):]
		a := apps[root]
		if a == nil {
			a = &MacApp{Root: root, Name: path.Base(root)}
			apps[root] = a
		}
		switch {
		case rest == "CodeResources":
			a.Stapled = true
		case strings.HasPrefix(rest, "MacOS/") && !strings.Contains(rest[len("MacOS/"):], "/"):
			exes[root] = append(exes[root], f)
		}
	}
	var out []MacApp
	for root, a := range apps {
		a.Exe = mainExe(a.Name, exes[root])
		if a.Exe != "" {
			if data, err := read(a.Exe); err == nil {
				a.Info, _ = Inspect(data)
			}
		}
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Root < out[j].Root })
	return out
}

func mainExe(app string, exes []string) string {
	want := strings.TrimSuffix(app, ".app")
	for _, e := range exes {
		if path.Base(e) == want {
			return e
		}
	}
	if len(exes) == 1 {
		return exes[0]
	}
	return ""
}

// InspectAppTarGz inspects the bundles inside an updater .app.tar.gz.
func InspectAppTarGz(r io.Reader) ([]MacApp, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	contents := map[string][]byte{}
	var files []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		name := strings.TrimPrefix(path.Clean(h.Name), "./")
		files = append(files, name)
		if strings.Contains(name, ".app/Contents/MacOS/") && h.Size <= maxAppExe {
			if contents[name], err = io.ReadAll(io.LimitReader(tr, maxAppExe)); err != nil {
				return nil, err
			}
		}
	}
	return InspectAppFiles(files, func(p string) ([]byte, error) {
		if b, ok := contents[p]; ok {
			return b, nil
		}
		return nil, io.ErrUnexpectedEOF
	}), nil
}
