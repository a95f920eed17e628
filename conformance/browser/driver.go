package browser

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Driver knows how to run one real browser headless on the runner page, with a fresh profile,
// and where that browser writes console messages.
type Driver struct {
	// Name is the engine profile the browser is compared with.
	Name string
	// Binaries are the executables tried, in order; the first found is used.
	Binaries []string
	// Install says how to get the browser, for the skip message.
	Install string
	// command builds the command line for a profile directory and the page URL.
	command func(bin, profileDir, pageURL string) *exec.Cmd
	// version asks the browser (or its package) for its version.
	version func(bin string) string
	// console extracts a console message from one line of the browser's output, if the line is
	// one. Nil: the browser does not report console messages where the harness can read them.
	console func(line string) (string, bool)
}

// Find returns the path of the first installed binary.
func (d Driver) Find() (string, bool) {
	for _, b := range d.Binaries {
		if p, err := exec.LookPath(b); err == nil {
			return p, true
		}
	}
	return "", false
}

// ReportsConsole says whether the harness can read this browser's console messages.
func (d Driver) ReportsConsole() bool { return d.console != nil }

// Version returns the browser's version string.
func (d Driver) Version(bin string) string { return strings.TrimSpace(d.version(bin)) }

// Drivers are the three browsers the profiles are checked against.
var Drivers = []Driver{Chromium, Firefox, WebKit}

// chromiumConsole matches a console line Chromium logs with --enable-logging=stderr:
// `[pid:tid:date:INFO:CONSOLE(12)] "message", source: http://… (12)` (older builds) or
// `…:INFO:CONSOLE:12] "message", source: …` (newer ones).
var chromiumConsole = regexp.MustCompile(`:CONSOLE[^\]]*\] "(.*)", source: `)

// Chromium runs Debian's chromium with --headless=new. The background-networking flags keep
// it from calling Google's servers, which this machine cannot reach.
var Chromium = Driver{
	Name:     "chromium",
	Binaries: []string{"chromium", "chromium-browser", "google-chrome"},
	Install:  "apt-get install chromium",
	command: func(bin, dir, pageURL string) *exec.Cmd {
		return exec.Command(bin, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--no-default-browser-check", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--disable-extensions",
			"--user-data-dir="+dir, "--enable-logging=stderr", "--v=0", pageURL)
	},
	version: func(bin string) string { return output(bin, "--version") },
	console: func(line string) (string, bool) {
		m := chromiumConsole.FindStringSubmatch(line)
		if m == nil {
			return "", false
		}
		return m[1], true
	},
}

// Firefox runs Debian's firefox-esr headless with a fresh profile whose prefs stop every
// background connection. Firefox writes network console messages (the CORS ones) only to the
// browser console, which a headless run cannot read, so its messages come from its source.
var Firefox = Driver{
	Name:     "firefox",
	Binaries: []string{"firefox-esr", "firefox"},
	Install:  "apt-get install firefox-esr",
	command: func(bin, dir, pageURL string) *exec.Cmd {
		cmd := exec.Command(bin, "--headless", "--no-remote", "--profile", dir, pageURL)
		cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1", "MOZ_DISABLE_AUTO_SAFE_MODE=1")
		return cmd
	},
	version: func(bin string) string { return output(bin, "--version") },
}

// firefoxPrefs is the user.js of every fresh Firefox profile.
const firefoxPrefs = `user_pref("app.update.enabled", false);
user_pref("app.update.auto", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.startup.page", 0);
user_pref("browser.aboutwelcome.enabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.unified", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("browser.safebrowsing.update.enabled", false);
user_pref("services.settings.server", "http://127.0.0.1:9/");
user_pref("extensions.update.enabled", false);
user_pref("extensions.getAddons.cache.enabled", false);
user_pref("extensions.systemAddon.update.enabled", false);
user_pref("network.dns.disablePrefetch", true);
user_pref("network.prefetch-next", false);
user_pref("network.http.speculative-parallel-limit", 0);
user_pref("browser.newtabpage.enabled", false);
user_pref("browser.region.network.url", "");
user_pref("browser.search.geoip.url", "");
user_pref("media.gmp-manager.url", "");
user_pref("browser.tabs.remote.autostart", true);
user_pref("devtools.console.stdout.content", true);
user_pref("network.proxy.type", 0);
`

// WebKit runs WebKitGTK's MiniBrowser under xvfb-run (it has no headless mode), with HOME and
// the XDG directories in the fresh profile directory so nothing persists between runs.
var WebKit = Driver{
	Name:     "webkit",
	Binaries: []string{"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "MiniBrowser"},
	Install:  "apt-get install libwebkit2gtk-4.1-0 webkit2gtk-driver xvfb xauth",
	command: func(bin, dir, pageURL string) *exec.Cmd {
		cmd := exec.Command("xvfb-run", "-a", bin, "--enable-write-console-messages-to-stdout=true", pageURL)
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+filepath.Join(dir, "data"),
			"XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
			"WEBKIT_DISABLE_COMPOSITING_MODE=1", "LIBGL_ALWAYS_SOFTWARE=1")
		return cmd
	},
	version: func(string) string {
		return output("dpkg-query", "-W", "-f=libwebkit2gtk-4.1-0 ${Version}", "libwebkit2gtk-4.1-0")
	},
	console: func(line string) (string, bool) {
		_, msg, ok := strings.Cut(line, "CONSOLE ")
		if !ok {
			return "", false
		}
		return msg, true
	},
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	return string(out)
}

// Run opens the lab's page in the browser and waits until the page reports every call, or
// the timeout. It returns the console messages the browser printed, in order.
func (d Driver) Run(ctx context.Context, lab *Lab, timeout time.Duration) ([]string, error) {
	bin, ok := d.Find()
	if !ok {
		return nil, fmt.Errorf("%s is not installed (%s)", d.Name, d.Install)
	}
	if _, err := exec.LookPath("xvfb-run"); err != nil && d.Name == WebKit.Name {
		return nil, fmt.Errorf("xvfb-run is not installed (%s)", d.Install)
	}
	dir, err := os.MkdirTemp("", "corsim-"+d.Name+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if d.Name == Firefox.Name {
		if err := os.WriteFile(filepath.Join(dir, "user.js"), []byte(firefoxPrefs), 0o600); err != nil {
			return nil, err
		}
	}
	cmd := d.command(bin, dir, lab.PageURL())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", d.Name, err)
	}
	var (
		mu       sync.Mutex
		messages []string
		tail     []string
		readers  sync.WaitGroup
	)
	read := func(r io.Reader) {
		defer readers.Done()
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		for sc.Scan() {
			line := sc.Text()
			mu.Lock()
			if d.console != nil {
				if m, ok := d.console(line); ok {
					messages = append(messages, m)
				}
			}
			tail = append(tail, line)
			if len(tail) > 40 {
				tail = tail[1:]
			}
			mu.Unlock()
		}
	}
	readers.Add(2)
	go read(stdout)
	go read(stderr)
	exited := make(chan error, 1)
	go func() { readers.Wait(); exited <- cmd.Wait() }()

	var runErr error
	select {
	case <-lab.Done():
	case <-ctx.Done():
		runErr = ctx.Err()
	case <-time.After(timeout):
		runErr = fmt.Errorf("%s did not finish the corpus within %s", d.Name, timeout)
	case err := <-exited:
		runErr = fmt.Errorf("%s exited before finishing the corpus: %v", d.Name, err)
	}
	// Console lines can trail the page's last report a little.
	time.Sleep(300 * time.Millisecond)
	syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	}
	mu.Lock()
	defer mu.Unlock()
	if runErr != nil {
		return messages, fmt.Errorf("%w; last output:\n%s", runErr, strings.Join(tail, "\n"))
	}
	return messages, nil
}

// errNotInstalled tells tests to skip.
var errNotInstalled = errors.New("not installed")
