package source

// Platform is a Tauri build target, spelled as Tauri serializes it
// (tauri-acl §1): the names are case-sensitive.
type Platform string

// The five Tauri targets.
const (
	Linux   Platform = "linux"
	MacOS   Platform = "macOS"
	Windows Platform = "windows"
	Android Platform = "android"
	IOS     Platform = "iOS"
)

// Platforms lists every target in a fixed order.
var Platforms = []Platform{Linux, MacOS, Windows, Android, IOS}

// FileTag is the lower-case spelling used in platform config file names
// (tauri.<tag>.conf.json, Tauri.<tag>.toml).
func (p Platform) FileTag() string {
	switch p {
	case MacOS:
		return "macos"
	case IOS:
		return "ios"
	}
	return string(p)
}

// IsMobile reports whether p is android or iOS.
func (p Platform) IsMobile() bool { return p == Android || p == IOS }

// ParsePlatform accepts Tauri's spelling and the file-name spelling.
func ParsePlatform(s string) (Platform, bool) {
	for _, p := range Platforms {
		if s == string(p) || s == p.FileTag() {
			return p, true
		}
	}
	return "", false
}
