package fetchspec

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHeaderListContainsGetValues(t *testing.T) {
	l := HeaderList{
		{"Content-Type", "text/plain"},
		{"X-A", "1"},
		{"x-a", ""},
		{"X-A", "3"},
		{"\u212aeep-Alive", "k"},
	}
	type got struct {
		Contains bool
		Get      string
		GetOK    bool
		Values   []string
	}
	tests := []struct {
		name string
		want got
	}{
		{"content-type", got{true, "text/plain", true, []string{"text/plain"}}},
		{"CONTENT-TYPE", got{true, "text/plain", true, []string{"text/plain"}}},
		{"x-a", got{true, "1, , 3", true, []string{"1", "", "3"}}},
		{"X-b", got{false, "", false, nil}},
		{"", got{false, "", false, nil}},
		// The Kelvin sign is not "K": no Unicode folding.
		{"keep-alive", got{false, "", false, nil}},
		{"\u212aeep-alive", got{true, "k", true, []string{"k"}}},
	}
	for _, tt := range tests {
		var g got
		g.Contains = l.Contains(tt.name)
		g.Get, g.GetOK = l.Get(tt.name)
		g.Values = l.Values(tt.name)
		if diff := cmp.Diff(tt.want, g); diff != "" {
			t.Errorf("%q: (-want +got)\n%s", tt.name, diff)
		}
	}
}

func TestHeaderListGetEmptyFirstValue(t *testing.T) {
	l := HeaderList{{"A", ""}, {"a", ""}}
	v, ok := l.Get("a")
	if diff := cmp.Diff(", ", v); diff != "" || !ok {
		t.Errorf("Get = %q, %v; (-want +got)\n%s", v, ok, diff)
	}
}

func TestHeaderListGetDecodeSplit(t *testing.T) {
	tests := []struct {
		list   HeaderList
		want   []string
		wantOK bool
	}{
		{HeaderList{{"A", "nosniff,"}}, []string{"nosniff", ""}, true},
		{HeaderList{{"A", ""}}, []string{""}, true},
		{HeaderList{{"A", "a,,b"}}, []string{"a", "", "b"}, true},
		{HeaderList{{"A", " , "}}, []string{"", ""}, true},
		{HeaderList{{"A", " a ,\tb\t"}}, []string{"a", "b"}, true},
		{HeaderList{{"A", `"1,2", 3`}}, []string{`"1,2"`, "3"}, true},
		{HeaderList{{"A", `text/html;",", text/plain`}}, []string{`text/html;","`, "text/plain"}, true},
		{HeaderList{{"A", `text/html;"", text/plain`}}, []string{`text/html;""`, "text/plain"}, true},
		{HeaderList{{"A", `text/html;"\"", text/plain`}}, []string{`text/html;"\""`, "text/plain"}, true},
		{HeaderList{{"A", `text/html;"\", text/plain`}}, []string{`text/html;"\", text/plain`}, true},
		{HeaderList{{"A", `"abc, def`}}, []string{`"abc, def`}, true},
		{HeaderList{{"A", `x"y,z"w, v`}}, []string{`x"y,z"w`, "v"}, true},
		{HeaderList{{"A", `"\`}}, []string{`"\`}, true},
		{HeaderList{{"A", "a"}, {"B", "x"}, {"a", "b, c"}}, []string{"a", "b", "c"}, true},
		{HeaderList{{"B", "x"}}, nil, false},
		{nil, nil, false},
	}
	for _, tt := range tests {
		got, ok := tt.list.GetDecodeSplit("a")
		if diff := cmp.Diff(tt.want, got); diff != "" || ok != tt.wantOK {
			t.Errorf("%v: ok=%v want %v; (-want +got)\n%s", tt.list, ok, tt.wantOK, diff)
		}
	}
}

func TestHeaderListAppendSetDelete(t *testing.T) {
	tests := []struct {
		name string
		in   HeaderList
		op   func(*HeaderList)
		want HeaderList
	}{
		{"append new", HeaderList{{"A", "1"}}, func(l *HeaderList) { l.Append("b", "2") },
			HeaderList{{"A", "1"}, {"b", "2"}}},
		{"append reuses casing", HeaderList{{"X-Foo", "1"}, {"B", "2"}}, func(l *HeaderList) { l.Append("x-FOO", "3") },
			HeaderList{{"X-Foo", "1"}, {"B", "2"}, {"X-Foo", "3"}}},
		{"append to nil", nil, func(l *HeaderList) { l.Append("A", "") },
			HeaderList{{"A", ""}}},
		{"append kelvin is another name", HeaderList{{"Keep", "1"}}, func(l *HeaderList) { l.Append("\u212aeep", "2") },
			HeaderList{{"Keep", "1"}, {"\u212aeep", "2"}}},
		{"set replaces first, removes others", HeaderList{{"A", "1"}, {"B", "2"}, {"a", "3"}, {"C", "4"}},
			func(l *HeaderList) { l.Set("A", "x") },
			HeaderList{{"A", "x"}, {"B", "2"}, {"C", "4"}}},
		{"set keeps first casing", HeaderList{{"x-Foo", "1"}}, func(l *HeaderList) { l.Set("X-FOO", "2") },
			HeaderList{{"x-Foo", "2"}}},
		{"set appends", HeaderList{{"A", "1"}}, func(l *HeaderList) { l.Set("B", "2") },
			HeaderList{{"A", "1"}, {"B", "2"}}},
		{"delete all", HeaderList{{"A", "1"}, {"B", "2"}, {"a", "3"}}, func(l *HeaderList) { l.Delete("A") },
			HeaderList{{"B", "2"}}},
		{"delete absent", HeaderList{{"A", "1"}}, func(l *HeaderList) { l.Delete("B") },
			HeaderList{{"A", "1"}}},
		{"delete to empty", HeaderList{{"A", "1"}}, func(l *HeaderList) { l.Delete("a") },
			HeaderList{}},
	}
	for _, tt := range tests {
		l := tt.in.Clone()
		tt.op(&l)
		if diff := cmp.Diff(tt.want, l); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.name, diff)
		}
	}
}

func TestHeaderListClone(t *testing.T) {
	if got := HeaderList(nil).Clone(); got != nil {
		t.Errorf("Clone(nil) = %#v, want nil", got)
	}
	orig := HeaderList{{"A", "1"}, {"B", "2"}}
	c := orig.Clone()
	c[0].Value = "changed"
	c.Set("B", "x")
	if diff := cmp.Diff(HeaderList{{"A", "1"}, {"B", "2"}}, orig); diff != "" {
		t.Errorf("Clone shares storage with the original: (-want +got)\n%s", diff)
	}
}
