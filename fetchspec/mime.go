package fetchspec

import "strings"

// MIMEType is a parsed MIME type. Type and Subtype are ASCII-lowercased by the parser;
// parameter names are lowercased, parameter values keep their case.
// https://mimesniff.spec.whatwg.org/#mime-type
type MIMEType struct {
	Type, Subtype string
	Parameters    []MIMEParameter
}

// MIMEParameter is one parameter of a MIME type. A type's parameters are an ordered map: the
// parser keeps the first occurrence of each name.
// https://mimesniff.spec.whatwg.org/#parameters
type MIMEParameter struct{ Name, Value string }

// Essence is type "/" subtype, the part Content-Type safelisting compares.
// https://mimesniff.spec.whatwg.org/#mime-type-essence
func (m MIMEType) Essence() string { return m.Type + "/" + m.Subtype }

// String serializes m; parameter values that are empty or not tokens are written as quoted
// strings with '"' and '\' escaped, so that parsing the result gives m back.
// https://mimesniff.spec.whatwg.org/#serialize-a-mime-type
func (m MIMEType) String() string {
	var b strings.Builder
	// 1. Let serialization be the concatenation of type, "/", and subtype.
	b.WriteString(m.Type)
	b.WriteByte('/')
	b.WriteString(m.Subtype)
	// 2. For each name -> value of parameters:
	for _, p := range m.Parameters {
		// 2.1-2.3. Append ";", name and "=".
		b.WriteByte(';')
		b.WriteString(p.Name)
		b.WriteByte('=')
		// 2.4. If value is empty or not solely token code points, escape '"' and '\' and
		//      wrap it in quotes.
		if !isToken(p.Value) {
			b.WriteByte('"')
			for i := 0; i < len(p.Value); i++ {
				if c := p.Value[i]; c == '"' || c == '\\' {
					b.WriteByte('\\')
				}
				b.WriteByte(p.Value[i])
			}
			b.WriteByte('"')
			continue
		}
		// 2.5. Append value.
		b.WriteString(p.Value)
	}
	// 3. Return serialization.
	return b.String()
}

// isHTTPQuotedStringTokenCodePoint is
// https://mimesniff.spec.whatwg.org/#http-quoted-string-token-code-point: tab, 0x20-0x7E and,
// since input is isomorphically decoded, every byte 0x80-0xFF.
func isHTTPQuotedStringTokenCodePoint(b byte) bool {
	return b == '\t' || 0x20 <= b && b != 0x7F
}

// ParseMIMEType parses s with the strict MIME Sniffing parser: surrounding HTTP whitespace is
// ignored, type and subtype must be tokens, and parameters that do not fit the grammar are
// dropped rather than failing the parse. The error is a *ParseError naming the step that failed.
// https://mimesniff.spec.whatwg.org/#parse-a-mime-type
func ParseMIMEType(s string) (MIMEType, error) {
	// Steps 1-9 find and check type and subtype.
	typ, sub, pos, reason := parseMIMETypeEssence(s)
	if reason != "" {
		return MIMEType{}, &ParseError{What: "MIME type", Input: s, Reason: reason}
	}
	input := trimHTTPWhitespace(s)
	// 10. type and subtype are ASCII-lowercased.
	m := MIMEType{Type: byteLowercase(typ), Subtype: byteLowercase(sub)}
	var seen map[string]struct{} // parameter names, once there are many
	// 11. While position is not past the end of input:
	for pos < len(input) {
		// 11.1. Skip the ";".
		pos++
		// 11.2. Skip HTTP whitespace.
		for pos < len(input) && isHTTPWhitespace(input[pos]) {
			pos++
		}
		// 11.3. parameterName: code points that are not ";" or "=".
		start := pos
		for pos < len(input) && input[pos] != ';' && input[pos] != '=' {
			pos++
		}
		// 11.4. ASCII-lowercase it.
		name := byteLowercase(input[start:pos])
		// 11.5. A ";" here means a parameter without a value: next parameter. Else skip "=".
		if pos < len(input) {
			if input[pos] == ';' {
				continue
			}
			pos++
		}
		// 11.6. Past the end: done.
		if pos >= len(input) {
			break
		}
		// 11.7-11.9. parameterValue: a quoted string (anything after it up to ";" is dropped),
		//            or the code points up to ";" without trailing HTTP whitespace, where an
		//            empty value means "next parameter".
		var value string
		if input[pos] == '"' {
			value, pos = collectHTTPQuotedStringValue(input, pos)
			for pos < len(input) && input[pos] != ';' {
				pos++
			}
		} else {
			start := pos
			for pos < len(input) && input[pos] != ';' {
				pos++
			}
			value = trimTrailingHTTPWhitespace(input[start:pos])
			if value == "" {
				continue
			}
		}
		// 11.10. Keep the parameter if its name is a token, its value is all quoted-string
		//        token code points, and the name is not already there.
		if isToken(name) && isQuotedStringTokenString(value) && !m.hasParameter(name, seen) {
			m.Parameters = append(m.Parameters, MIMEParameter{Name: name, Value: value})
			if seen != nil {
				seen[name] = struct{}{}
			} else if len(m.Parameters) > maxScannedParameters {
				// Many parameters: look names up in a set so the parse stays linear.
				seen = make(map[string]struct{}, 2*len(m.Parameters))
				for _, p := range m.Parameters {
					seen[p.Name] = struct{}{}
				}
			}
		}
	}
	// 12. Return mimeType.
	return m, nil
}

// maxScannedParameters is how many parameters ParseMIMEType checks for duplicates by scanning
// before it switches to a set.
const maxScannedParameters = 16

// hasParameter reports whether m already has a parameter named name (already lowercase),
// using seen when the parser has started keeping one.
func (m MIMEType) hasParameter(name string, seen map[string]struct{}) bool {
	if seen != nil {
		_, ok := seen[name]
		return ok
	}
	for _, p := range m.Parameters {
		if p.Name == name {
			return true
		}
	}
	return false
}

// isQuotedStringTokenString reports whether every byte of v is an HTTP quoted-string token
// code point.
func isQuotedStringTokenString(v string) bool {
	for i := 0; i < len(v); i++ {
		if !isHTTPQuotedStringTokenCodePoint(v[i]) {
			return false
		}
	}
	return true
}

// parseMIMETypeEssence runs steps 1-9 of "parse a MIME type", the only steps that can fail,
// without allocating: it returns type and subtype as given (not yet lowercased), the position
// in the whitespace-trimmed input where parameters start, and a reason when parsing fails.
// Content-Type safelisting needs only this much.
// https://mimesniff.spec.whatwg.org/#parse-a-mime-type
func parseMIMETypeEssence(s string) (typ, sub string, pos int, reason string) {
	// 1. Remove leading and trailing HTTP whitespace.
	input := trimHTTPWhitespace(s)
	// 2-3. type: the code points up to "/".
	for pos < len(input) && input[pos] != '/' {
		pos++
	}
	typ = input[:pos]
	// 4. type must be a non-empty token.
	if typ == "" {
		return "", "", 0, "the type is empty"
	}
	if !isToken(typ) {
		return "", "", 0, "the type is not a token"
	}
	// 5. There must be a "/".
	if pos >= len(input) {
		return "", "", 0, "there is no \"/\" after the type"
	}
	// 6. Skip the "/".
	pos++
	// 7. subtype: the code points up to ";".
	start := pos
	for pos < len(input) && input[pos] != ';' {
		pos++
	}
	// 8. Remove trailing HTTP whitespace from subtype.
	sub = trimTrailingHTTPWhitespace(input[start:pos])
	// 9. subtype must be a non-empty token.
	if sub == "" {
		return "", "", 0, "the subtype is empty"
	}
	if !isToken(sub) {
		return "", "", 0, "the subtype is not a token"
	}
	return typ, sub, pos, ""
}

// collectHTTPQuotedStringValue runs "collect an HTTP quoted string" with the extract-value flag
// from input[pos] == '"': it returns the unescaped contents and the position after the string.
// https://fetch.spec.whatwg.org/#collect-an-http-quoted-string
func collectHTTPQuotedStringValue(input string, pos int) (string, int) {
	// 1-4. Step over the opening quote; value starts empty.
	pos++
	start := pos
	// Fast path: no backslash before the closing quote, so the value is a substring.
	for pos < len(input) && input[pos] != '"' && input[pos] != '\\' {
		pos++
	}
	if pos >= len(input) {
		return input[start:], pos
	}
	if input[pos] == '"' {
		return input[start:pos], pos + 1
	}
	var b strings.Builder
	b.WriteString(input[start:pos])
	// 5. While true:
	for {
		// 5.1. Append the code points that are not '"' or '\'.
		start = pos
		for pos < len(input) && input[pos] != '"' && input[pos] != '\\' {
			pos++
		}
		b.WriteString(input[start:pos])
		// 5.2. Past the end: stop.
		if pos >= len(input) {
			break
		}
		// 5.3-5.4. Take the quote or backslash.
		c := input[pos]
		pos++
		// 5.5. A backslash: past the end appends a backslash and stops; otherwise the next
		//      code point is appended as is.
		if c == '\\' {
			if pos >= len(input) {
				b.WriteByte('\\')
				break
			}
			b.WriteByte(input[pos])
			pos++
			continue
		}
		// 5.6. A quote ends the string.
		break
	}
	// 6. Return value.
	return b.String(), pos
}

// trimHTTPWhitespace removes leading and trailing HTTP whitespace without copying.
func trimHTTPWhitespace(s string) string { return NormalizeHeaderValue(s) }

// trimTrailingHTTPWhitespace removes trailing HTTP whitespace without copying.
func trimTrailingHTTPWhitespace(s string) string {
	j := len(s)
	for j > 0 && isHTTPWhitespace(s[j-1]) {
		j--
	}
	return s[:j]
}
