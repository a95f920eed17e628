package browser

// Corpus is the differential corpus: every case the profiles are checked against. The themes
// live in corpus_*.go; corpus_helpers.go has the constructors they share.
func Corpus() []Case {
	var out []Case
	for _, part := range [][]Case{
		// First, while the preflight cache is still nearly empty (see earlyCacheCases).
		earlyCacheCases(),
		simpleCases(),
		credentialsCases(),
		safelistCases(),
		methodCases(),
		preflightCases(),
		headerCases(),
		cacheCases(),
		exposeCases(),
		redirectCases(),
		modeCases(),
	} {
		out = append(out, part...)
	}
	return out
}
