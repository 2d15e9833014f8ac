package lazyre

// The methods of regexp.Regexp the project uses, forwarded.

func (l *Regexp) String() string                   { return l.expr }
func (l *Regexp) Match(b []byte) bool              { return l.Re().Match(b) }
func (l *Regexp) MatchString(s string) bool        { return l.Re().MatchString(s) }
func (l *Regexp) Find(b []byte) []byte             { return l.Re().Find(b) }
func (l *Regexp) FindIndex(b []byte) []int         { return l.Re().FindIndex(b) }
func (l *Regexp) FindSubmatch(b []byte) [][]byte   { return l.Re().FindSubmatch(b) }
func (l *Regexp) FindSubmatchIndex(b []byte) []int { return l.Re().FindSubmatchIndex(b) }
func (l *Regexp) FindString(s string) string       { return l.Re().FindString(s) }
func (l *Regexp) FindStringIndex(s string) []int   { return l.Re().FindStringIndex(s) }
func (l *Regexp) FindStringSubmatch(s string) []string {
	return l.Re().FindStringSubmatch(s)
}
func (l *Regexp) FindStringSubmatchIndex(s string) []int {
	return l.Re().FindStringSubmatchIndex(s)
}
func (l *Regexp) FindAll(b []byte, n int) [][]byte { return l.Re().FindAll(b, n) }
func (l *Regexp) FindAllIndex(b []byte, n int) [][]int {
	return l.Re().FindAllIndex(b, n)
}
func (l *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	return l.Re().FindAllSubmatch(b, n)
}
func (l *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	return l.Re().FindAllSubmatchIndex(b, n)
}
func (l *Regexp) FindAllString(s string, n int) []string {
	return l.Re().FindAllString(s, n)
}
func (l *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return l.Re().FindAllStringIndex(s, n)
}
func (l *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return l.Re().FindAllStringSubmatch(s, n)
}
func (l *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.Re().FindAllStringSubmatchIndex(s, n)
}
func (l *Regexp) ReplaceAll(src, repl []byte) []byte { return l.Re().ReplaceAll(src, repl) }
func (l *Regexp) ReplaceAllString(src, repl string) string {
	return l.Re().ReplaceAllString(src, repl)
}
func (l *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return l.Re().ReplaceAllLiteralString(src, repl)
}
func (l *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return l.Re().ReplaceAllStringFunc(src, repl)
}
func (l *Regexp) Split(s string, n int) []string { return l.Re().Split(s, n) }
func (l *Regexp) SubexpIndex(name string) int    { return l.Re().SubexpIndex(name) }
func (l *Regexp) SubexpNames() []string          { return l.Re().SubexpNames() }
func (l *Regexp) NumSubexp() int                 { return l.Re().NumSubexp() }
