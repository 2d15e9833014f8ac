package textdist

import "testing"

func TestEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b        string
		limit, want int
	}{
		{"widht", "width", 2, 2},
		{"frontendDist", "frontendDist", 2, 0},
		{"lodash", "lodahs", 2, 2},
		{"react", "preact", 2, 1},
		{"a", "abcdef", 2, 3},       // length gap over the limit
		{"kitten", "sitting", 2, 3}, // 3 > limit
		{"kitten", "sitting", 5, 3},
	} {
		if got := Edit(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("Edit(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
