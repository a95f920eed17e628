package engine

import (
	"fmt"
	"testing"
)

// TestMemoKeepsOpaqueOriginsUnique: "null" pages and data: URLs get a new opaque origin each
// time; remembering them would make two of them same origin.
func TestMemoKeepsOpaqueOriginsUnique(t *testing.T) {
	m := newMemo()
	a, _ := m.pageOrigin("null")
	b, _ := m.pageOrigin("null")
	if a.origin == b.origin {
		t.Errorf("two null page origins are the same origin")
	}
	u, _ := m.url("data:,x", nil, "")
	v, _ := m.url("data:,x", nil, "")
	if u.origin == v.origin {
		t.Errorf("two data: URLs share an origin")
	}
	p, _ := m.pageOrigin("https://app.example/page")
	q, _ := m.pageOrigin("https://app.example/page")
	if p != q || p.serialization != "https://app.example" || p.partitionKey != "https://app.example" {
		t.Errorf("a tuple origin is not remembered: %+v %+v", p, q)
	}
}

// TestMemoIsBounded: past memoLimit distinct strings, nothing more is remembered, and answers
// stay right.
func TestMemoIsBounded(t *testing.T) {
	m := newMemo()
	for i := 0; i < memoLimit+100; i++ {
		h, err := m.url(fmt.Sprintf("https://api.example/%d", i), nil, "")
		if err != nil || h.noFrag != fmt.Sprintf("https://api.example/%d", i) {
			t.Fatalf("url %d: %v %+v", i, err, h)
		}
		if _, err := m.pageOrigin(fmt.Sprintf("https://o%d.example", i)); err != nil {
			t.Fatal(err)
		}
	}
	if len(m.urls) != memoLimit || len(m.origins) != memoLimit {
		t.Errorf("memo holds %d URLs and %d origins, limit %d", len(m.urls), len(m.origins), memoLimit)
	}
}
