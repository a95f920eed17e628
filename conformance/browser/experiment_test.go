package browser

func init() {
	pf := func(h ...[2]string) []Route {
		return []Route{{Method: "OPTIONS", Path: "/x", Status: 204, Header: append([][2]string{{"Access-Control-Allow-Origin", "{page}"}, {"Access-Control-Allow-Methods", "PUT"}}, h...)},
			{Path: "/x", Status: 200, Header: [][2]string{{"Access-Control-Allow-Origin", "{page}"}}}}
	}
	three := func(u string) []Call { return []Call{{URL: u, Method: "PUT"}, {URL: u, Method: "PUT"}, {URL: u, Method: "PUT"}} }
	experimentCases = append(experimentCases,
		Case{Name: "zz-manone", Routes: pf(), Calls: three("{api}{case}/x")},
		Case{Name: "zz-ma600", Routes: pf([2]string{"Access-Control-Max-Age", "600"}), Calls: three("{api}{case}/x")},
		Case{Name: "zz-ma600b", Routes: pf([2]string{"Access-Control-Max-Age", "600"}), Calls: three("{api}{case}/x")},
		Case{Name: "zz-host600", Routes: func() []Route {
			r := pf([2]string{"Access-Control-Max-Age", "600"})
			r[0].Origin, r[1].Origin = Host, Host
			return r
		}(), Calls: three("{host}{case}/x")},
	)
}
