package engine

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchspec"
)

// parseMaxAge reads Access-Control-Max-Age the way the profile's browser does, for
// cache.MaxAgePolicy.Lifetime.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (step 7.8)
func (p *Profile) parseMaxAge(h fetchspec.HeaderList) (cache.MaxAgeState, int64) {
	if p.MaxAgeSyntax == MaxAgeDigits {
		v, ok := h.Get("Access-Control-Max-Age")
		if !ok || v == "" {
			return cache.MaxAgeAbsent, 0
		}
		if strings.Trim(v, "0123456789") != "" {
			return cache.MaxAgeInvalid, 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			n = math.MaxInt64 // more digits than 64 bits hold: the cap applies
		}
		return cache.MaxAgeValid, n
	}
	if p.MaxAgeSyntax == MaxAgeSignedInteger {
		v, ok := h.Get("Access-Control-Max-Age")
		if !ok {
			return cache.MaxAgeAbsent, 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		var ne *strconv.NumError
		switch {
		case err == nil:
		case errors.As(err, &ne) && ne.Err == strconv.ErrRange:
			// Too large for 64 bits: ParseInt has clamped n, keeping the sign.
		default:
			return cache.MaxAgeInvalid, 0
		}
		if n < 0 {
			return cache.MaxAgeNegative, n
		}
		return cache.MaxAgeValid, n
	}
	ma, err := fetchspec.ExtractMaxAge(h)
	switch {
	case err != nil:
		var ee *fetchspec.ExtractError
		if errors.As(err, &ee) && ee.Negative {
			seconds, err := strconv.ParseInt(strings.TrimSpace(ee.Value), 10, 64)
			if err != nil {
				seconds = math.MinInt64 // too negative for int64: still negative
			}
			return cache.MaxAgeNegative, seconds
		}
		return cache.MaxAgeInvalid, 0
	case ma.Present:
		return cache.MaxAgeValid, ma.Seconds
	}
	return cache.MaxAgeAbsent, 0
}
