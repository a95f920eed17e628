package browser

// Corpus is the differential corpus: every case the profiles are checked against.
func Corpus() []Case {
	return []Case{
		{Name: "get-star", About: "a simple GET answered with ACAO *",
			Routes: []Route{{Path: "/x", Status: 200, Header: [][2]string{{"Access-Control-Allow-Origin", "*"}}}},
			Calls:  []Call{{URL: "{api}{case}/x"}}},
		{Name: "get-missing", About: "a simple GET answered without ACAO",
			Routes: []Route{{Path: "/x", Status: 200}},
			Calls:  []Call{{URL: "{api}{case}/x"}}},
		{Name: "put-cache", About: "PUT with Max-Age 2, again at once, again after 3 s",
			Routes: []Route{{Method: "OPTIONS", Path: "/x", Status: 204, Header: [][2]string{{"Access-Control-Allow-Origin", "{page}"}, {"Access-Control-Allow-Methods", "PUT"}, {"Access-Control-Max-Age", "2"}}},
				{Path: "/x", Status: 200, Header: [][2]string{{"Access-Control-Allow-Origin", "{page}"}}}},
			Calls: []Call{{URL: "{api}{case}/x", Method: "PUT"}, {URL: "{api}{case}/x", Method: "PUT"}, {PauseMS: 3000, URL: "{api}{case}/x", Method: "PUT"}}},
	}
}
