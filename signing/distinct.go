package signing

// DistinctSecrets groups hits by the secret they hold (kind and
// Identity), in the order each secret was first seen: the same token in
// five files is one leak, reported once. The first hit of a group is
// where to report it: the first outside test/fixture folders when there
// is one, so a copy in a fixture does not lower a real leak to a note.
// Hits without an Identity (a signing password by its variable) stay
// alone.
func DistinctSecrets(hits []SecretHit) [][]SecretHit {
	var groups [][]SecretHit
	at := map[[2]string]int{}
	for _, h := range hits {
		if h.Identity == "" {
			groups = append(groups, []SecretHit{h})
			continue
		}
		k := [2]string{h.Kind.String(), h.Identity}
		i, ok := at[k]
		if !ok {
			at[k] = len(groups)
			groups = append(groups, []SecretHit{h})
			continue
		}
		g := groups[i]
		if g[0].Fixture && !h.Fixture {
			g = append([]SecretHit{h}, g...)
		} else {
			g = append(g, h)
		}
		groups[i] = g
	}
	return groups
}
