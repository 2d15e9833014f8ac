package source

import "errors"

// ParseTOML parses f as TOML into Nodes with positions.
func ParseTOML(f *File) (*Node, []*Error, error) {
	return nil, nil, errors.New("toml: not implemented yet")
}
