package scenario

import (
	"context"
	"strconv"
	"strings"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// Serve answers req as a typical CORS middleware configured with p would. A request without an
// Origin header gets no CORS headers. An OPTIONS request with Origin and
// Access-Control-Request-Method is a preflight: an allowed origin gets PreflightStatus with
// Access-Control-Allow-Origin, -Allow-Credentials, -Allow-Methods, -Allow-Headers, -Max-Age and
// Vary; a refused one gets PreflightStatus and no CORS headers, which is what makes the browser
// fail the preflight. Every other request gets Status and Headers, plus, for an allowed origin,
// Access-Control-Allow-Origin, -Allow-Credentials, -Expose-Headers and Vary.
// https://fetch.spec.whatwg.org/#http-cors-protocol (what a server answers)
func (p *Policy) Serve(_ context.Context, req engine.ServerRequest) (engine.ServerResponse, error) {
	if p == nil {
		return engine.ServerResponse{Status: 404}, nil
	}
	reqOrigin, hasOrigin := req.Header.Get("Origin")
	requestMethod, hasACRM := req.Header.Get("Access-Control-Request-Method")
	allowOrigin, allowed := "", false
	if hasOrigin {
		allowOrigin, allowed = p.allowOrigin(reqOrigin)
	}

	// A preflight: OPTIONS with Origin and Access-Control-Request-Method.
	// https://fetch.spec.whatwg.org/#cors-preflight-request
	if req.Method == "OPTIONS" && hasOrigin && hasACRM {
		resp := engine.ServerResponse{Status: orDefault(p.PreflightStatus, defaultPreflightStatus)}
		if !allowed {
			return resp, nil
		}
		h := make(fetchspec.HeaderList, 0, 6)
		h = append(h, fetchspec.Header{Name: "Access-Control-Allow-Origin", Value: allowOrigin})
		if p.AllowCredentials {
			h = append(h, fetchspec.Header{Name: "Access-Control-Allow-Credentials", Value: "true"})
		}
		switch {
		case p.AllowMethods == nil:
			h = append(h, fetchspec.Header{Name: "Access-Control-Allow-Methods", Value: requestMethod})
		case len(p.AllowMethods) > 0:
			h = append(h, fetchspec.Header{Name: "Access-Control-Allow-Methods", Value: strings.Join(p.AllowMethods, ", ")})
		}
		requestHeaders, hasACRH := req.Header.Get("Access-Control-Request-Headers")
		switch {
		case p.AllowHeaders == nil && hasACRH:
			h = append(h, fetchspec.Header{Name: "Access-Control-Allow-Headers", Value: requestHeaders})
		case len(p.AllowHeaders) > 0:
			h = append(h, fetchspec.Header{Name: "Access-Control-Allow-Headers", Value: strings.Join(p.AllowHeaders, ", ")})
		}
		if p.MaxAge != nil {
			h = append(h, fetchspec.Header{Name: "Access-Control-Max-Age", Value: strconv.Itoa(*p.MaxAge)})
		}
		if p.Vary {
			vary := "Origin"
			if p.AllowHeaders == nil {
				vary = "Origin, Access-Control-Request-Headers"
			}
			h = append(h, fetchspec.Header{Name: "Vary", Value: vary})
		}
		resp.Header = h
		return resp, nil
	}

	// Any other request (a preflight's actual request, a simple request, or a request without
	// Origin): the configured answer, and the CORS headers when the origin is allowed.
	resp := engine.ServerResponse{Status: orDefault(p.Status, defaultStatus)}
	if !allowed {
		// The engine treats answers as read-only, so the configured list is shared, not copied.
		if len(p.Headers) > 0 {
			resp.Header = p.Headers
		}
		return resp, nil
	}
	h := make(fetchspec.HeaderList, 0, len(p.Headers)+4)
	h = append(h, p.Headers...)
	h = append(h, fetchspec.Header{Name: "Access-Control-Allow-Origin", Value: allowOrigin})
	if p.AllowCredentials {
		h = append(h, fetchspec.Header{Name: "Access-Control-Allow-Credentials", Value: "true"})
	}
	if len(p.ExposeHeaders) > 0 {
		h = append(h, fetchspec.Header{Name: "Access-Control-Expose-Headers", Value: strings.Join(p.ExposeHeaders, ", ")})
	}
	if p.Vary {
		h = append(h, fetchspec.Header{Name: "Vary", Value: "Origin"})
	}
	resp.Header = h
	return resp, nil
}

// allowOrigin decides whether the request's Origin value is allowed and what
// Access-Control-Allow-Origin then says: "*" literally, the Origin echoed ("reflect"), or the
// listed origin, which matches only byte for byte, as the browser's CORS check will compare it.
func (p *Policy) allowOrigin(reqOrigin string) (string, bool) {
	for _, o := range p.AllowOrigins {
		switch o {
		case "*":
			return "*", true
		case "reflect":
			return reqOrigin, true
		}
		if o == reqOrigin {
			return reqOrigin, true
		}
	}
	return "", false
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
