package servers

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/corstest"
	"github.com/corsim/corsim/engine"
)

// requireOrSkip skips a test whose external program is missing, or fails it when
// CORSIM_REQUIRE_SERVERS is set (CI installs everything).
func requireOrSkip(t *testing.T, what, install string) {
	t.Helper()
	if os.Getenv("CORSIM_REQUIRE_SERVERS") != "" {
		t.Fatalf("%s is missing and CORSIM_REQUIRE_SERVERS is set (install: %s)", what, install)
	}
	t.Skipf("%s is missing: %s, then go test ./conformance/servers", what, install)
}

// freePort returns a loopback port nobody listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitListening polls until something accepts connections on addr.
func waitListening(t *testing.T, addr string, exited <-chan error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("the server exited before listening: %v", err)
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("nothing listens on %s after 10 s", addr)
}

// start runs cmd in its own process group and stops the group when the test ends.
func start(t *testing.T, cmd *exec.Cmd) <-chan error {
	t.Helper()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	return exited
}

// nginxConf is a server block written the way people hand-write CORS in nginx.
const nginxConf = `daemon off;
master_process off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  server {
    listen 127.0.0.1:%[2]d;

    # Two trusted origins, written into one header: browsers accept exactly one origin.
    location /two-origins/ {
      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin "https://app.example, https://admin.app.example";
        add_header Access-Control-Allow-Methods "GET, PATCH, OPTIONS";
        add_header Access-Control-Allow-Headers "api_key, Content-Type";
        return 204;
      }
      add_header Access-Control-Allow-Origin "https://app.example, https://admin.app.example";
      return 200 '{"ok":true}';
    }

    # add_header inside "if" replaces the outer ones: the preflight answer has no CORS header.
    location /if-replaces/ {
      add_header Access-Control-Allow-Origin "https://app.example";
      add_header Access-Control-Allow-Methods "GET, PUT";
      if ($request_method = OPTIONS) {
        add_header Content-Type "text/plain";
        return 204;
      }
      return 200 '{"ok":true}';
    }

    # Without "always", add_header applies to 2xx and 3xx only: an error loses its CORS header.
    location /no-always/ {
      add_header Access-Control-Allow-Origin "https://app.example";
      return 404 '{"error":"not found"}';
    }

    # The correct form: one origin echoed from an allow-list, Vary, "always", a 204 preflight.
    location /correct/ {
      set $cors "";
      if ($http_origin ~ "^https://(app|admin\.app)\.example$") { set $cors $http_origin; }
      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Origin $cors always;
        add_header Access-Control-Allow-Methods "GET, PATCH" always;
        add_header Access-Control-Allow-Headers "api_key, Content-Type" always;
        add_header Access-Control-Max-Age 600 always;
        add_header Vary Origin always;
        return 204;
      }
      add_header Access-Control-Allow-Origin $cors always;
      add_header Vary Origin always;
      return 200 '{"ok":true}';
    }
  }
}
`

// TestNginxHandWrittenCORS runs a real nginx with a hand-written configuration and asks what
// each browser does with its answers.
func TestNginxHandWrittenCORS(t *testing.T) {
	bin, err := exec.LookPath("nginx")
	if err != nil {
		if _, statErr := os.Stat("/usr/sbin/nginx"); statErr != nil {
			requireOrSkip(t, "nginx", "apt-get install nginx-light")
		}
		bin = "/usr/sbin/nginx"
	}
	dir := t.TempDir()
	port := freePort(t)
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(nginxConf, dir, port)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-e", filepath.Join(dir, "error.log"), "-p", dir, "-c", conf)
	cmd.Stderr = os.Stderr
	waitListening(t, fmt.Sprintf("127.0.0.1:%d", port), start(t, cmd))
	base := fmt.Sprintf("http://127.0.0.1:%d", port)

	// The case: a PATCH with an api_key header from a trusted subdomain, to an API
	// whose config puts two origins in one Access-Control-Allow-Origin. Every browser rejects.
	patch := corstest.Request{Origin: "https://admin.app.example", URL: "https://api.example/two-origins/tasks/5",
		Method: "PATCH", Headers: []string{"api_key: 123", "Content-Type: application/json"}, Body: "text"}
	v := corstest.FetchURL(t, base, patch).Preflighted().Blocked()
	for _, c := range []struct {
		p    engine.Profile
		want string
	}{
		{browsers.Chromium, "The 'Access-Control-Allow-Origin' header contains multiple values 'https://app.example, https://admin.app.example', but only one is allowed."},
		{browsers.Firefox, "(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://app.example, https://admin.app.example’)."},
		{browsers.WebKit, "Access-Control-Allow-Origin cannot contain more than one origin."},
	} {
		p, want := c.p, c.want
		r, _ := v.Result(p)
		if lines := p.ConsoleMessages(r); len(lines) == 0 || !strings.Contains(lines[0], want) {
			t.Errorf("%s: console %q, want it to contain %q", p.Name, lines, want)
		}
	}

	// add_header inside "if": the preflight's answer carries none of the outer CORS headers.
	corstest.FetchURL(t, base, corstest.Request{Origin: "https://app.example", URL: "https://api.example/if-replaces/items/1", Method: "PUT"}).
		Preflighted().BlockedBecause(engine.MissingAllowOrigin)

	// Without "always", the 404 has no Access-Control-Allow-Origin: the page cannot even read
	// the error.
	corstest.FetchURL(t, base, corstest.Request{Origin: "https://app.example", URL: "https://api.example/no-always/missing"}).
		BlockedBecause(engine.MissingAllowOrigin)

	// The correct location works in every browser, with no warning, for both origins.
	for _, origin := range []string{"https://app.example", "https://admin.app.example"} {
		ok := patch
		ok.Origin, ok.URL = origin, "https://api.example/correct/tasks/5"
		corstest.FetchURL(t, base, ok).Preflighted().Allowed().NoWarnings()
	}
	corstest.FetchURL(t, base, corstest.Request{Origin: "https://evil.example", URL: "https://api.example/correct/tasks/5"}).Blocked()
}
