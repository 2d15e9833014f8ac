package rustsrc

// Values are "derived" from a parameter only through expressions that
// hand the value on: format!, PathBuf::from, .join, &, .as_str(),
// .to_string(), ?, … A parameter passed to any other function (a
// database lookup by id) or reduced to a bounded value (.len(),
// .parse()) no longer counts: the result is not the caller's text.

// passThrough are the calls whose result carries their argument or
// receiver on.
var passThrough = map[string]bool{
	"format": true, "format_args": true, "concat": true, "vec": true, "Some": true, "Ok": true,
	"from": true, "join": true, "to_string": true, "to_owned": true, "clone": true, "as_str": true,
	"as_ref": true, "as_path": true, "as_os_str": true, "trim": true, "trim_start": true, "trim_end": true,
	"to_path_buf": true, "canonicalize": true, "into": true, "unwrap": true, "expect": true,
	"unwrap_or": true, "unwrap_or_default": true, "unwrap_or_else": true, "map_err": true, "ok_or": true,
	"ok_or_else": true, "to_string_lossy": true, "display": true, "replace": true, "to_lowercase": true,
	"to_uppercase": true, "to_ascii_lowercase": true, "with_extension": true, "with_file_name": true,
	"parent": true, "file_name": true, "file_stem": true, "strip_prefix": true, "trim_start_matches": true,
	"trim_end_matches": true, "into_owned": true, "borrow": true, "deref": true, "iter": true,
	"into_iter": true, "tilde": true, "expand": true, "as_deref": true, "absolutize": true, "normalize": true,
	"percent_decode_str": true, "percent_decode": true, "decode": true, "decode_utf8": true, "decode_utf8_lossy": true,
	"to_str": true, "uri": true, "path": true, "query": true,
}

// maxDirectWalk bounds the walk from a name back to the start of its
// expression, so a huge argument list stays linear.
const maxDirectWalk = 512

// pathTypes make Type::new(x) a pass-through.
var pathTypes = map[string]bool{"Path": true, "PathBuf": true, "OsStr": true, "OsString": true, "String": true, "Url": true, "Box": true, "Cow": true}

// reducers turn a value into something bounded (a length, a number, a
// yes/no).
var reducers = map[string]bool{
	"len": true, "is_empty": true, "parse": true, "exists": true, "is_file": true, "is_dir": true,
	"is_some": true, "is_none": true, "is_ok": true, "is_err": true, "count": true, "starts_with": true,
	"ends_with": true, "contains": true, "eq": true, "cmp": true, "hash": true, "is_absolute": true,
	"is_relative": true, "try_exists": true, "metadata": true,
}

// projections keep part of a value: a check on the part does not check
// the whole.
var projections = map[string]bool{"extension": true, "file_name": true, "file_stem": true, "parent": true, "host_str": true, "scheme": true, "split": true, "chars": true, "components": true}

// direct reports whether the value at token j reaches the range that
// starts at from unchanged in kind: every call around it up to from
// passes it on, and no method chained on it reduces it.
func (s *File) direct(j, from int) bool {
	if s.reduced(j) {
		return false
	}
	if j-from > maxDirectWalk {
		return true // too far to walk: counted as derived (conservative)
	}
	for k := j - 1; k >= from; k-- {
		t := s.Toks[k]
		if t.Kind != Punct {
			continue
		}
		switch t.Text {
		case ")", "]", "}":
			if s.match[k] >= 0 && s.match[k] < k {
				k = s.match[k]
			}
		case "[", "{":
			if s.match[k] > j && s.reduced(k) {
				return false
			}
		case "(":
			if s.match[k] < j && s.match[k] >= 0 {
				continue
			}
			if !s.passes(k) || s.reduced(k) {
				return false
			}
		}
	}
	return true
}

// passes reports whether the call whose "(" is at open hands its
// arguments on; a bare group or tuple does.
func (s *File) passes(open int) bool {
	c := open - 1
	if c < 0 {
		return true
	}
	if s.Toks[c].Is(Punct, "!") && c > 0 {
		c--
	}
	t := s.Toks[c]
	if t.Kind != Ident {
		return true // (a, b) or (expr)
	}
	if t.Text == "new" || t.Text == "parse" || t.Text == "from_str" {
		return c >= 2 && s.Toks[c-1].Is(Punct, "::") && pathTypes[s.Toks[c-2].Text]
	}
	return passThrough[t.Text]
}

// reduced reports whether a method chained after the value at j (a name,
// or a bracket group) reduces it: x.len(), PathBuf::from(x).exists().
func (s *File) reduced(j int) bool {
	k := j + 1
	if t := s.Toks[j]; t.Kind == Punct && (t.Text == "(" || t.Text == "[" || t.Text == "{") {
		if s.match[j] < 0 {
			return false
		}
		k = s.match[j] + 1
	}
	for n := 0; k+1 < len(s.Toks) && n < 32; n++ {
		switch {
		case s.Toks[k].Is(Punct, "?"):
			k++
		case s.Toks[k].Is(Punct, ".") && s.Toks[k+1].Kind == Ident:
			if k+2 < len(s.Toks) && s.Toks[k+2].Is(Punct, "(") {
				if reducers[s.Toks[k+1].Text] {
					return true
				}
				if s.match[k+2] < 0 {
					return false
				}
				k = s.match[k+2] + 1
			} else {
				k += 2
			}
		case s.Toks[k].Is(Punct, ".") && s.Toks[k+1].Kind == Num: // tuple field
			k += 2
		default:
			return false
		}
	}
	return false
}

// projected reports whether tokens from..to take a part of a value
// (.extension(), .file_name(), …).
func (s *File) projected(from, to int) bool {
	for k := from; k < to && k+1 < len(s.Toks); k++ {
		if s.Toks[k].Is(Punct, ".") && s.Toks[k+1].Kind == Ident && projections[s.Toks[k+1].Text] {
			return true
		}
	}
	return false
}
