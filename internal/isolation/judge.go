package isolation

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

var (
	// consoleCall is a logging call, removed before the body is judged.
	consoleCall = lazyre.New(`\bconsole\s*\.\s*[A-Za-z]+\s*\(`)
	// decision words and operators: anything that can refuse or change a
	// message depending on what it says.
	decision = lazyre.New(`\b(?:if|else|switch|case|throw|while|for|do|try|catch|await|new|yield)\b|===?|!==?|&&|\|\||\?[^.?]|\?$|[<>]`)
	// call is a function call: an unknown function may validate.
	call      = lazyre.New(`([\w$]+|[\])])\s*\(`)
	returnArg = lazyre.New(`\breturn\b\s*([^;\n}]*)`)
	// notCalls are keywords a parenthesis may follow.
	notCalls = map[string]bool{"return": true, "typeof": true, "void": true, "in": true, "of": true, "delete": true}
)

// judgeBody says what a hook body does with param, its first parameter.
func judgeBody(param, body string) Verdict {
	b := withoutConsole(body)
	b = strings.ReplaceAll(b, "=>", "  ")
	if decision.MatchString(b) || hasCall(b) {
		return Judges
	}
	returns := returnArg.FindAllStringSubmatch(b, -1)
	if len(returns) == 0 {
		if strings.Trim(b, " \t\r\n;") == "" {
			return Empty
		}
		return Judges // statements whose effect is not read here
	}
	for _, r := range returns {
		if param == "" || returnedValue(r[1]) != param {
			return Judges // returns something else: a changed or dropped message
		}
	}
	return PassThrough
}

// hasCall reports a function call in b.
func hasCall(b string) bool {
	for _, m := range call.FindAllStringSubmatch(b, -1) {
		if !notCalls[m[1]] {
			return true
		}
	}
	return false
}

// returnedValue is the value a return expression yields when it is the
// parameter inside parentheses or at the end of a comma expression, as
// minifiers write a logging hook: (console.log("hook",e),e).
func returnedValue(expr string) string {
	s := strings.TrimSpace(expr)
	for len(s) >= 2 && s[0] == '(' {
		inner, end, ok := balanced(s, 0, '(', ')')
		if !ok || end != len(s) {
			break
		}
		s = strings.TrimSpace(inner)
	}
	if strings.ContainsAny(s, "{[(") {
		return s // an object, array or call: not the parameter itself
	}
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		s = strings.TrimSpace(s[i+1:])
	}
	return s
}

// withoutConsole blanks every console.x(…) call of body, in one pass.
func withoutConsole(body string) string {
	var b strings.Builder
	i := 0
	for {
		loc := consoleCall.FindStringIndex(body[i:])
		if loc == nil {
			break
		}
		start := i + loc[0]
		_, end, ok := balanced(body, i+loc[1]-1, '(', ')')
		if !ok {
			end = len(body)
		}
		b.WriteString(body[i:start])
		b.WriteString(strings.Repeat(" ", end-start))
		i = end
	}
	b.WriteString(body[i:])
	return b.String()
}
