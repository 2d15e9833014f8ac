package keyless

import (
	"fmt"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/sigstoretest"
)

// The iterative verifier accepts every audit path of the recursive
// definition and rejects a wrong index, size or sibling.
func TestVerifyInclusion(t *testing.T) {
	for n := 1; n <= 33; n++ {
		d := make([][]byte, n)
		for i := range d {
			d[i] = fmt.Appendf(nil, "entry %d", i)
		}
		root := sigstoretest.MTH(d)
		for m := range n {
			path := sigstoretest.AuditPath(m, d)
			if err := verifyInclusion(int64(m), int64(n), leafHash(d[m]), path, root); err != nil {
				t.Fatalf("size %d index %d: %v", n, m, err)
			}
			if n > 1 {
				if verifyInclusion(int64((m+1)%n), int64(n), leafHash(d[m]), path, root) == nil {
					t.Errorf("size %d index %d: verified at the wrong index", n, m)
				}
				// The path alone does not bind the tree size (the signed
				// checkpoint does), but a path of the wrong length fails.
				if verifyInclusion(int64(m), int64(n), leafHash(d[m]), path[:len(path)-1], root) == nil ||
					verifyInclusion(int64(m), int64(n), leafHash(d[m]), append(path, root), root) == nil {
					t.Errorf("size %d index %d: verified with a path of the wrong length", n, m)
				}
				bad := append([][]byte{}, path...)
				bad[len(bad)-1] = flip(bad[len(bad)-1], 3)
				if verifyInclusion(int64(m), int64(n), leafHash(d[m]), bad, root) == nil {
					t.Errorf("size %d index %d: verified with a wrong sibling", n, m)
				}
			}
		}
	}
	if verifyInclusion(-1, 4, make([]byte, 32), nil, nil) == nil || verifyInclusion(4, 4, make([]byte, 32), nil, nil) == nil {
		t.Error("index outside the tree accepted")
	}
}
