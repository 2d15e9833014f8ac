package source

import "errors"

// ParseJSON5 parses f as JSON5 into Nodes with positions.
func ParseJSON5(f *File) (*Node, []*Error, error) {
	return nil, nil, errors.New("json5: not implemented yet")
}
