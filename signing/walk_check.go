package signing

import "errors"

// CheckWalk says whether a walk with opt can start: the range's ends
// resolve, or HEAD does. It walks nothing, so a caller can refuse a
// mistyped range before any work.
func (r *Repo) CheckWalk(opt WalkOptions) error {
	switch {
	case opt.All:
		return nil
	case opt.Range != "":
		_, _, err := r.walkTips(WalkOptions{Range: opt.Range}, &WalkInfo{})
		return err
	}
	h, ok := r.Head()
	if !ok {
		return errors.New("HEAD does not resolve to a commit")
	}
	_, err := r.Peel(h)
	return err
}
