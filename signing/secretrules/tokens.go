package secretrules

// Tokens finds the credentials in one line of text, such as a workflow
// value or script line: every detector that judges a token by itself.
// The generic assignment rule (it needs the file's kind), rules scoped
// to paths and private keys (a PEM body spans lines) are left out.
func (d *Detector) Tokens(text string) []Match {
	var out []Match
	for _, m := range d.Scan("", []byte(text), "") {
		if r := d.rule(m.RuleID); r != nil && r.oneLine() {
			out = append(out, m)
		}
	}
	return out
}

func (d *Detector) rule(id string) *Rule {
	for _, r := range d.rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// oneLine: a rule whose match alone, on one line, is a credential.
func (r *Rule) oneLine() bool {
	return !r.secretFiles && r.path == nil && r.validateName != "pem" && r.re != nil
}

// OneLineRule reports whether the detector's rule id is one that Tokens
// runs, so a caller can leave those matches to the rule that used Tokens.
func (d *Detector) OneLineRule(id string) bool {
	r := d.rule(id)
	return r != nil && r.oneLine()
}
