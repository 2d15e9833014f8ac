package capabilities

import (
	"fmt"
	"strings"
)

// AppKey is the manifest key of the app's own permissions, referenced
// without a prefix (tauri-acl §5.3).
const AppKey = "__app-acl__"

// maxIdentifierLen is (64 − len("tauri-plugin-")) + 1 + 64 (tauri-acl §4).
const maxIdentifierLen = 116

// Identifier is a parsed permission reference such as "fs:allow-read-file"
// (tauri-acl §4).
type Identifier struct {
	Raw    string
	Prefix string // text before the separator; "" when there is none
	Base   string // text after the separator, or all of Raw
}

// Key returns the manifest key the identifier refers to: its prefix, or
// AppKey when it has none.
func (id Identifier) Key() string {
	if id.Prefix == "" {
		return AppKey
	}
	return id.Prefix
}

// String returns the identifier as written.
func (id Identifier) String() string { return id.Raw }

// IdentifierErrorKind names why an identifier is invalid.
type IdentifierErrorKind uint8

// The identifier error kinds, in the order Tauri checks them.
const (
	StartsWithTauriPlugin IdentifierErrorKind = iota + 1
	EmptyIdentifier
	Humongous
	InvalidFormat
	MultipleSeparators
	TrailingHyphen
	PrefixWithoutBase
)

// IdentifierError is an invalid identifier; its text is Tauri's.
type IdentifierError struct {
	Kind  IdentifierErrorKind
	Found int // byte length, for Humongous
}

func (e *IdentifierError) Error() string {
	switch e.Kind {
	case StartsWithTauriPlugin:
		return "identifiers cannot start with tauri-plugin-"
	case EmptyIdentifier:
		return "identifiers cannot be empty"
	case Humongous:
		return fmt.Sprintf("identifiers cannot be longer than %d, found %d", maxIdentifierLen, e.Found)
	case MultipleSeparators:
		return "identifiers can only include a single separator ':'"
	case TrailingHyphen:
		return "identifiers cannot have a trailing hyphen"
	case PrefixWithoutBase:
		return "identifiers cannot have a prefix without a base"
	}
	return "identifiers can only include lowercase ASCII, hyphens which are not leading or trailing, and a single colon if using a prefix"
}

// identState is the byte-wise state machine of tauri-acl §4.
type identState uint8

const (
	stStart identState = iota
	stAlnum
	stHyphen
	stColon
)

// ParseIdentifier checks s exactly as Tauri does (tauri-acl §4). Whether
// "--" is allowed depends on v (tauri ≥ 2.4.0).
func ParseIdentifier(s string, v Version) (Identifier, error) {
	// tauri-acl §4: the checks run in this order.
	if strings.HasPrefix(s, "tauri-plugin-") {
		return Identifier{}, &IdentifierError{Kind: StartsWithTauriPlugin}
	}
	if s == "" {
		return Identifier{}, &IdentifierError{Kind: EmptyIdentifier}
	}
	if len(s) > maxIdentifierLen {
		return Identifier{}, &IdentifierError{Kind: Humongous, Found: len(s)}
	}
	doubleHyphen := v.AtLeast("2.4.0")
	core := strings.HasPrefix(s, "core:")
	sep := -1
	st := stStart
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := isASCIIAlnum(c)
		switch {
		case alnum:
			st = stAlnum
		case st == stStart:
			return Identifier{}, &IdentifierError{Kind: InvalidFormat}
		case c == '-' && (st == stAlnum || st == stHyphen && doubleHyphen):
			st = stHyphen
		case c == ':' && (st == stAlnum || st == stColon):
			// tauri-acl §4: a second separator is an error unless the
			// identifier starts with "core:"; then the last one counts.
			if sep >= 0 && !core {
				return Identifier{}, &IdentifierError{Kind: MultipleSeparators}
			}
			sep = i
			st = stColon
		default:
			return Identifier{}, &IdentifierError{Kind: InvalidFormat}
		}
	}
	switch st {
	case stColon:
		return Identifier{}, &IdentifierError{Kind: PrefixWithoutBase}
	case stHyphen:
		return Identifier{}, &IdentifierError{Kind: TrailingHyphen}
	}
	if sep < 0 {
		return Identifier{Raw: s, Base: s}, nil
	}
	return Identifier{Raw: s, Prefix: s[:sep], Base: s[sep+1:]}, nil
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
