package servers

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/corstest"
	"github.com/corsim/corsim/engine"
)

// startExpress runs express/server.js with node on a free loopback port and returns its URL.
func startExpress(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		requireOrSkip(t, "node", "apt-get install nodejs npm")
	}
	dir, _ := filepath.Abs("express")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "cors")); err != nil {
		requireOrSkip(t, "express/node_modules", "npm ci --prefix conformance/servers/express")
	}
	port := freePort(t)
	cmd := exec.Command(node, "server.js", fmt.Sprint(port))
	cmd.Dir = dir
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	exited := start(t, cmd)
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "listening" {
				ready <- true
			}
		}
	}()
	select {
	case <-ready:
	case err := <-exited:
		t.Fatalf("node exited before listening: %v", err)
	case <-time.After(15 * time.Second):
		t.Fatal("the Express app did not say it was listening within 15 s")
	}
	return fmt.Sprintf("http://127.0.0.1:%d", port)
}

// TestExpressCorsPackage runs a real Express app with the npm cors package and asks what each
// browser does with its answers.
func TestExpressCorsPackage(t *testing.T) {
	base := startExpress(t)

	// The defaults (origin "*") serve public data to anyone, preflights included; a credentialed
	// fetch fails everywhere ("* with credentials": expressjs/cors#36, #119).
	corstest.FetchURL(t, base, corstest.Request{Origin: "https://app.example", URL: "https://api.example/defaults/items", Method: "PUT"}).
		Preflighted().Allowed()
	corstest.FetchURL(t, base, corstest.Request{Origin: "https://app.example", URL: "https://api.example/defaults/me", Credentials: "include"}).
		BlockedBecause(engine.WildcardOriginWithCredentials)
	// The defaults do not list request headers: the cors package reflects
	// Access-Control-Request-Headers, so a custom header passes.
	corstest.FetchURL(t, base, corstest.Request{Origin: "https://app.example", URL: "https://api.example/defaults/items",
		Method: "PUT", Headers: []string{"X-Request-Id: 7"}}).Allowed()

	// origin: true with credentials: true lets any site read the user's data in every browser
	// (expressjs/cors, the "origin reflected with credentials" class).
	v := corstest.FetchURL(t, base, corstest.Request{Origin: "https://evil.example", URL: "https://api.example/reflect/me",
		Credentials: "include", Untrusted: true}).Allowed()
	for _, p := range corstest.Browsers {
		if r, _ := v.Result(p); !contains(r.Warnings, engine.WarnUntrustedOriginCredentials) {
			t.Errorf("%s: warnings %v lack %s", p.Name, r.Warnings, engine.WarnUntrustedOriginCredentials)
		}
	}

	// A hand-written allow-list that echoes the origin without Vary: Origin works, but a shared
	// cache may serve one origin's answer to another (expressjs/cors#330).
	w := corstest.FetchURL(t, base, corstest.Request{Origin: "https://app.example", URL: "https://api.example/allow-list/me"}).Allowed()
	for _, p := range corstest.Browsers {
		if r, _ := w.Result(p); !contains(r.Warnings, engine.WarnVaryOriginMissing) {
			t.Errorf("%s: warnings %v lack %s", p.Name, r.Warnings, engine.WarnVaryOriginMissing)
		}
	}
	corstest.FetchURL(t, base, corstest.Request{Origin: "https://evil.example", URL: "https://api.example/allow-list/me"}).
		BlockedBecause(engine.MissingAllowOrigin)
}
