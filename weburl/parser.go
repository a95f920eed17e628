package weburl

import (
	"strings"
	"unicode/utf8"
)

// state is a state of the basic URL parser's state machine.
// https://url.spec.whatwg.org/#concept-basic-url-parser
type state uint8

const (
	schemeStartState state = iota
	schemeState
	noSchemeState
	specialRelativeOrAuthorityState
	pathOrAuthorityState
	relativeState
	relativeSlashState
	specialAuthoritySlashesState
	specialAuthorityIgnoreSlashesState
	authorityState
	hostState
	portState
	fileState
	fileSlashState
	fileHostState
	pathStartState
	pathState
	opaquePathState
	queryState
	fragmentState
)

// eof is the EOF code point: the pointer is past the end of the input.
const eof = -1

// trimC0ControlOrSpace removes leading and trailing C0 controls and spaces.
// https://url.spec.whatwg.org/#c0-control-or-space
func trimC0ControlOrSpace(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	return s[i:j]
}

// removeTabOrNewline removes every ASCII tab or newline, so "ht\ntp://a" is "http://a".
// https://url.spec.whatwg.org/#ascii-tab-or-newline
func removeTabOrNewline(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\t' && c != '\n' && c != '\r' {
			b = append(b, c)
		}
	}
	return string(b)
}

func isASCIIAlpha(c rune) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isASCIIDigit(c rune) bool { return '0' <= c && c <= '9' }

// isWindowsDriveLetter: an ASCII letter followed by ':' or '|'.
// https://url.spec.whatwg.org/#windows-drive-letter
func isWindowsDriveLetter(s string) bool {
	return len(s) == 2 && isASCIIAlpha(rune(s[0])) && (s[1] == ':' || s[1] == '|')
}

// isNormalizedWindowsDriveLetter: an ASCII letter followed by ':'.
// https://url.spec.whatwg.org/#normalized-windows-drive-letter
func isNormalizedWindowsDriveLetter(s string) bool {
	return isWindowsDriveLetter(s) && s[1] == ':'
}

// startsWithWindowsDriveLetter: a drive letter that is the whole string or is followed by
// '/', '\', '?' or '#'.
// https://url.spec.whatwg.org/#start-with-a-windows-drive-letter
func startsWithWindowsDriveLetter(s string) bool {
	if len(s) < 2 || !isWindowsDriveLetter(s[:2]) {
		return false
	}
	if len(s) == 2 {
		return true
	}
	switch s[2] {
	case '/', '\\', '?', '#':
		return true
	}
	return false
}

// isSingleDot: "." or "%2e", any case.
// https://url.spec.whatwg.org/#single-dot-path-segment
func isSingleDot(b []byte) bool {
	return string(b) == "." || len(b) == 3 && strings.EqualFold(string(b), "%2e")
}

// isDoubleDot: "..", ".%2e", "%2e." or "%2e%2e", any case.
// https://url.spec.whatwg.org/#double-dot-path-segment
func isDoubleDot(b []byte) bool {
	switch len(b) {
	case 2:
		return string(b) == ".."
	case 4:
		return strings.EqualFold(string(b), ".%2e") || strings.EqualFold(string(b), "%2e.")
	case 6:
		return strings.EqualFold(string(b), "%2e%2e")
	}
	return false
}

// shorten removes the last path segment, except a lone Windows drive letter of a file URL.
// https://url.spec.whatwg.org/#shorten-a-urls-path
func (u *URL) shorten() {
	if u.Scheme == "file" && len(u.Path) == 1 && isNormalizedWindowsDriveLetter(u.Path[0]) {
		return
	}
	if len(u.Path) > 0 {
		u.Path = u.Path[:len(u.Path)-1]
	}
}

// parse is the basic URL parser without state override and with UTF-8 as the encoding.
// https://url.spec.whatwg.org/#concept-basic-url-parser
//
// The spec's pointer indexes code points; here p indexes bytes of the (UTF-8) input. The spec
// only ever moves the pointer back to re-read a code point in a new state, or to the start of
// a buffer; reconsume and bufStart express those moves without counting code points.
func parse(raw string, base *URL) (*URL, error) {
	// 1. Start with a new URL and strip leading and trailing C0 controls and spaces.
	u := &URL{Port: -1}
	input := trimC0ControlOrSpace(raw)
	// 2-3. Remove all ASCII tabs and newlines.
	input = removeTabOrNewline(input)
	// 4-8. Start in the scheme start state with an empty buffer.
	st := schemeStartState
	var scratch [64]byte
	buf := scratch[:0]
	var atSignSeen, insideBrackets, passwordTokenSeen bool
	special := false
	bufStart := 0
	p := 0
	fail := func(format string, args ...any) (*URL, error) {
		return nil, failf(raw, format, args...)
	}
	// 9. Run the state machine.
	for {
		c, size := rune(eof), 0
		if p < len(input) {
			if b := input[p]; b < utf8.RuneSelf {
				c, size = rune(b), 1
			} else {
				c, size = utf8.DecodeRuneInString(input[p:])
			}
		}
		remaining := ""
		if p+size <= len(input) {
			remaining = input[p+size:]
		}
		reconsume := false

		switch st {
		case schemeStartState:
			// An ASCII letter starts a scheme; anything else means there is none.
			if isASCIIAlpha(c) {
				buf = append(buf, byte(c|0x20))
				st = schemeState
			} else {
				st = noSchemeState
				reconsume = true
			}

		case schemeState:
			switch {
			case isASCIIAlpha(c) || isASCIIDigit(c) || c == '+' || c == '-' || c == '.':
				buf = append(buf, lowerASCII(byte(c)))
			case c == ':':
				// The scheme is complete; where to go depends on what it is.
				u.Scheme = internScheme(buf)
				special = isSpecialScheme(u.Scheme)
				buf = buf[:0]
				switch {
				case u.Scheme == "file":
					st = fileState
				case special && base != nil && base.Scheme == u.Scheme:
					st = specialRelativeOrAuthorityState
				case special:
					st = specialAuthoritySlashesState
				case strings.HasPrefix(remaining, "/"):
					st = pathOrAuthorityState
					p++
				default:
					u.HasOpaquePath = true
					st = opaquePathState
				}
			default:
				// Not a scheme after all: start over without one.
				buf = buf[:0]
				st = noSchemeState
				p = 0
				reconsume = true
			}

		case noSchemeState:
			switch {
			case base == nil:
				return fail("has no scheme, and there is no base URL to resolve it against")
			case base.HasOpaquePath && c != '#':
				return fail("has no scheme, and the base URL %q cannot be a base (opaque path)", base.String())
			case base.HasOpaquePath:
				// Only a fragment can be appended to a URL with an opaque path.
				u.Scheme = base.Scheme
				special = isSpecialScheme(u.Scheme)
				u.HasOpaquePath, u.OpaquePath = true, base.OpaquePath
				u.Query, u.HasQuery = base.Query, base.HasQuery
				u.HasFragment = true
				st = fragmentState
			case base.Scheme != "file":
				st = relativeState
				reconsume = true
			default:
				st = fileState
				reconsume = true
			}

		case specialRelativeOrAuthorityState:
			if c == '/' && strings.HasPrefix(remaining, "/") {
				st = specialAuthorityIgnoreSlashesState
				p++
			} else {
				st = relativeState
				reconsume = true
			}

		case pathOrAuthorityState:
			if c == '/' {
				st = authorityState
			} else {
				st = pathState
				reconsume = true
			}

		case relativeState:
			// Inherit the base's scheme; how much else depends on the first code point.
			u.Scheme = base.Scheme
			special = isSpecialScheme(u.Scheme)
			switch {
			case c == '/' || special && c == '\\':
				st = relativeSlashState
			default:
				u.Username, u.Password, u.Host, u.Port = base.Username, base.Password, base.Host, base.Port
				u.Path = clonePath(base.Path)
				u.Query, u.HasQuery = base.Query, base.HasQuery
				switch c {
				case '?':
					u.Query, u.HasQuery = "", true
					st = queryState
				case '#':
					u.HasFragment = true
					st = fragmentState
				case eof:
				default:
					u.Query, u.HasQuery = "", false
					u.shorten()
					st = pathState
					reconsume = true
				}
			}

		case relativeSlashState:
			switch {
			case special && (c == '/' || c == '\\'):
				st = specialAuthorityIgnoreSlashesState
			case c == '/':
				st = authorityState
			default:
				u.Username, u.Password, u.Host, u.Port = base.Username, base.Password, base.Host, base.Port
				st = pathState
				reconsume = true
			}

		case specialAuthoritySlashesState:
			if c == '/' && strings.HasPrefix(remaining, "/") {
				st = specialAuthorityIgnoreSlashesState
				p++
			} else {
				st = specialAuthorityIgnoreSlashesState
				reconsume = true
			}

		case specialAuthorityIgnoreSlashesState:
			// Any number of slashes and backslashes may precede a special URL's authority.
			if c != '/' && c != '\\' {
				st = authorityState
				reconsume = true
			}

		case authorityState:
			switch {
			case c == '@':
				// What was buffered is userinfo; a second '@' belongs to it, encoded.
				if atSignSeen {
					if passwordTokenSeen {
						u.Password += "%40"
					} else {
						u.Username += "%40"
					}
				}
				atSignSeen = true
				var user, pass []byte
				for _, cp := range string(buf) {
					if cp == ':' && !passwordTokenSeen {
						passwordTokenSeen = true
						continue
					}
					if passwordTokenSeen {
						pass = appendPercentEncoded(pass, cp, userinfoSet)
					} else {
						user = appendPercentEncoded(user, cp, userinfoSet)
					}
				}
				u.Username += string(user)
				u.Password += string(pass)
				buf = buf[:0]
			case c == eof || c == '/' || c == '?' || c == '#' || special && c == '\\':
				// The authority ends here: go back to its start and read it as a host.
				if atSignSeen && len(buf) == 0 {
					return fail("has credentials but no host after the '@'")
				}
				if len(buf) > 0 {
					p = bufStart
				}
				buf = buf[:0]
				st = hostState
				reconsume = true
			default:
				if len(buf) == 0 {
					bufStart = p
				}
				buf = append(buf, input[p:p+size]...)
			}

		case hostState:
			switch {
			case c == ':' && !insideBrackets:
				if len(buf) == 0 {
					return fail("has a port but no host")
				}
				h, err := ParseHost(string(buf), !special)
				if err != nil {
					return fail("host %q: %s", buf, reasonOf(err))
				}
				u.Host = h
				buf = buf[:0]
				st = portState
			case c == eof || c == '/' || c == '?' || c == '#' || special && c == '\\':
				reconsume = true
				if special && len(buf) == 0 {
					return fail("has an empty host, which a %s: URL cannot have", u.Scheme)
				}
				h, err := ParseHost(string(buf), !special)
				if err != nil {
					return fail("host %q: %s", buf, reasonOf(err))
				}
				u.Host = h
				buf = buf[:0]
				st = pathStartState
			default:
				if c == '[' {
					insideBrackets = true
				}
				if c == ']' {
					insideBrackets = false
				}
				buf = append(buf, input[p:p+size]...)
			}

		case portState:
			switch {
			case isASCIIDigit(c):
				buf = append(buf, byte(c))
			case c == eof || c == '/' || c == '?' || c == '#' || special && c == '\\':
				if len(buf) > 0 {
					port, ok := parsePort(buf)
					if !ok {
						return fail("port %s is above 65535", buf)
					}
					if def, _ := SpecialSchemeDefaultPort(u.Scheme); port == def {
						port = -1
					}
					u.Port = port
					buf = buf[:0]
				}
				st = pathStartState
				reconsume = true
			default:
				return fail("port contains %q, which is not a digit", c)
			}

		case fileState:
			u.Scheme = "file"
			special = true
			u.Host = Host{Kind: HostEmpty}
			switch {
			case c == '/' || c == '\\':
				st = fileSlashState
			case base != nil && base.Scheme == "file":
				u.Host = base.Host
				u.Path = clonePath(base.Path)
				u.Query, u.HasQuery = base.Query, base.HasQuery
				switch c {
				case '?':
					u.Query, u.HasQuery = "", true
					st = queryState
				case '#':
					u.HasFragment = true
					st = fragmentState
				case eof:
				default:
					u.Query, u.HasQuery = "", false
					if !startsWithWindowsDriveLetter(input[p:]) {
						u.shorten()
					} else {
						u.Path = nil
					}
					st = pathState
					reconsume = true
				}
			default:
				st = pathState
				reconsume = true
			}

		case fileSlashState:
			if c == '/' || c == '\\' {
				st = fileHostState
			} else {
				if base != nil && base.Scheme == "file" {
					u.Host = base.Host
					if !startsWithWindowsDriveLetter(input[p:]) && len(base.Path) > 0 &&
						isNormalizedWindowsDriveLetter(base.Path[0]) {
						u.Path = append(u.Path, base.Path[0])
					}
				}
				st = pathState
				reconsume = true
			}

		case fileHostState:
			switch c {
			case eof, '/', '\\', '?', '#':
				reconsume = true
				switch {
				case isWindowsDriveLetter(string(buf)):
					// "file://C:/x": the drive letter is the first path segment, not a host.
					st = pathState
				case len(buf) == 0:
					u.Host = Host{Kind: HostEmpty}
					st = pathStartState
				default:
					h, err := ParseHost(string(buf), false)
					if err != nil {
						return fail("host %q: %s", buf, reasonOf(err))
					}
					if h.Kind == HostDomain && h.Name == "localhost" {
						h = Host{Kind: HostEmpty}
					}
					u.Host = h
					buf = buf[:0]
					st = pathStartState
				}
			default:
				buf = append(buf, input[p:p+size]...)
			}

		case pathStartState:
			switch {
			case special:
				st = pathState
				if c != '/' && c != '\\' {
					reconsume = true
				}
			case c == '?':
				u.Query, u.HasQuery = "", true
				st = queryState
			case c == '#':
				u.HasFragment = true
				st = fragmentState
			case c != eof:
				st = pathState
				if c != '/' {
					reconsume = true
				}
			}

		case pathState:
			slash := c == '/' || special && c == '\\'
			if c == eof || slash || c == '?' || c == '#' {
				// A segment is complete: resolve dot segments, then append it.
				switch {
				case isDoubleDot(buf):
					u.shorten()
					if !slash {
						u.Path = append(u.Path, "")
					}
				case isSingleDot(buf):
					if !slash {
						u.Path = append(u.Path, "")
					}
				default:
					if u.Scheme == "file" && len(u.Path) == 0 && isWindowsDriveLetter(string(buf)) {
						buf[1] = ':'
					}
					u.Path = append(u.Path, string(buf))
				}
				buf = buf[:0]
				if c == '?' {
					u.Query, u.HasQuery = "", true
					st = queryState
				}
				if c == '#' {
					u.HasFragment = true
					st = fragmentState
				}
			} else {
				buf = appendPercentEncoded(buf, c, pathSet)
			}

		case opaquePathState:
			switch c {
			case '?':
				u.OpaquePath = string(buf)
				buf = buf[:0]
				u.Query, u.HasQuery = "", true
				st = queryState
			case '#':
				u.OpaquePath = string(buf)
				buf = buf[:0]
				u.HasFragment = true
				st = fragmentState
			case ' ':
				// A space before '?' or '#' is encoded so that it survives re-parsing.
				if strings.HasPrefix(remaining, "?") || strings.HasPrefix(remaining, "#") {
					buf = append(buf, "%20"...)
				} else {
					buf = append(buf, ' ')
				}
			case eof:
				u.OpaquePath = string(buf)
			default:
				buf = appendPercentEncoded(buf, c, c0ControlSet)
			}

		case queryState:
			// Encoding per code point is the same as encoding the buffer at the end for UTF-8.
			set := querySet
			if special {
				set = specialQuerySet
			}
			switch c {
			case '#':
				u.Query = string(buf)
				buf = buf[:0]
				u.HasFragment = true
				st = fragmentState
			case eof:
				u.Query = string(buf)
			default:
				buf = appendPercentEncoded(buf, c, set)
			}

		case fragmentState:
			if c == eof {
				u.Fragment = string(buf)
			} else {
				buf = appendPercentEncoded(buf, c, fragmentSet)
			}
		}

		if reconsume {
			continue
		}
		if p >= len(input) {
			break
		}
		p += size
	}
	// 10. Return the URL.
	return u, nil
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// parsePort reads a run of ASCII digits as a port, false when it exceeds 65535.
func parsePort(digits []byte) (int, bool) {
	v := 0
	for _, d := range digits {
		v = v*10 + int(d-'0')
		if v > 65535 {
			return 0, false
		}
	}
	return v, true
}

func clonePath(p []string) []string {
	if len(p) == 0 {
		return nil
	}
	return append(make([]string, 0, len(p)+1), p...)
}

// internScheme returns common schemes as constants, saving an allocation per parse.
func internScheme(b []byte) string {
	for _, s := range [...]string{"https", "http", "wss", "ws", "ftp", "file", "blob", "data", "about", "javascript"} {
		if string(b) == s {
			return s
		}
	}
	return string(b)
}
