package browser

import (
	"bufio"
	"context"
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
	// start launches the browser in its own process group on the page, with a fresh profile in
	// dir, and returns the command and what to stop besides it.
	start func(bin, dir, pageURL string) (*exec.Cmd, func(), error)
	// version asks the browser (or its package) for its version.
	version func(bin string) string
	// console extracts a console message from one line of the browser's output, if the line is
	// one, with the time the browser stamped on it (zero when it stamps none). Nil: the
	// browser's console messages cannot be read.
	console func(line string) (msg string, at time.Time, ok bool)
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
	start: func(bin, dir, pageURL string) (*exec.Cmd, func(), error) {
		cmd := exec.Command(bin, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--no-default-browser-check", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--disable-extensions",
			"--user-data-dir="+dir, "--enable-logging=stderr", "--v=0", pageURL)
		return cmd, func() {}, nil
	},
	version: func(bin string) string { return output(bin, "--version") },
	console: func(line string) (string, time.Time, bool) {
		m := chromiumConsole.FindStringSubmatch(line)
		if m == nil {
			return "", time.Time{}, false
		}
		return m[1], time.Time{}, true
	},
}

// webkitConsole matches the console lines MiniBrowser writes with
// --enable-write-console-messages-to-stdout (to stderr, in fact): "CONSOLE SECURITY ERROR …",
// "CONSOLE JS ERROR …", "http://…:14:14: CONSOLE LOG …".
var webkitConsole = regexp.MustCompile(`CONSOLE (?:[A-Z]+ )?(?:LOG|ERROR|WARN|WARNING|INFO|DEBUG) (.*)$`)

// WebKit runs WebKitGTK's MiniBrowser on a private Xvfb display (it has no headless mode).
// HOME and the XDG directories point into the fresh profile directory so nothing persists
// between runs; --private is not used because it silences the console.
var WebKit = Driver{
	Name:     "webkit",
	Binaries: []string{"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "MiniBrowser"},
	Install:  "apt-get install libwebkit2gtk-4.1-0 webkit2gtk-driver xvfb",
	start: func(bin, dir, pageURL string) (*exec.Cmd, func(), error) {
		display, stopX, err := startXvfb()
		if err != nil {
			return nil, nil, err
		}
		run := filepath.Join(dir, "run")
		if err := os.MkdirAll(run, 0o700); err != nil {
			stopX()
			return nil, nil, err
		}
		cmd := exec.Command(bin, "--enable-write-console-messages-to-stdout=true", pageURL)
		cmd.Env = []string{"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "DISPLAY=" + display, "HOME=" + dir,
			"XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
			"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_RUNTIME_DIR=" + run}
		return cmd, stopX, nil
	},
	version: func(string) string {
		return output("dpkg-query", "-W", "-f=libwebkit2gtk-4.1-0 ${Version}", "libwebkit2gtk-4.1-0")
	},
	console: func(line string) (string, time.Time, bool) {
		m := webkitConsole.FindStringSubmatch(line)
		if m == nil {
			return "", time.Time{}, false
		}
		return m[1], time.Time{}, true
	},
}

// startXvfb starts a private X server and returns its display name.
func startXvfb() (string, func(), error) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		return "", nil, fmt.Errorf("Xvfb is not installed (apt-get install xvfb)")
	}
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "1280x1024x24")
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		return "", nil, err
	}
	w.Close()
	stop := func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			stop()
			return "", nil, fmt.Errorf("Xvfb did not report a display")
		}
		return ":" + n, stop, nil
	case <-time.After(10 * time.Second):
		stop()
		return "", nil, fmt.Errorf("Xvfb did not start within 10s")
	}
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	return string(out)
}

// ConsoleLine is one console message a browser printed, with the browser's own time stamp
// when it gives one.
type ConsoleLine struct {
	Text string
	At   time.Time
}

// Run opens the lab's page in the browser and waits until the page reports every call, or
// the timeout. It returns the console messages the browser printed, in order.
func (d Driver) Run(ctx context.Context, lab *Lab, timeout time.Duration) ([]ConsoleLine, error) {
	bin, ok := d.Find()
	if !ok {
		return nil, fmt.Errorf("%s is not installed (%s)", d.Name, d.Install)
	}
	dir, err := os.MkdirTemp("", "corsim-"+d.Name+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd, stopExtra, err := d.start(bin, dir, lab.PageURL())
	if err != nil {
		return nil, fmt.Errorf("starting %s: %w", d.Name, err)
	}
	defer stopExtra()
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
		messages []ConsoleLine
		tail     []string
		sawDone  = make(chan struct{})
		doneOnce sync.Once
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
				if m, at, ok := d.console(line); ok {
					messages = append(messages, ConsoleLine{Text: m, At: at})
					if m == "corsim-call done" {
						doneOnce.Do(func() { close(sawDone) })
					}
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
	// Console lines trail the page's last report: wait for the page's final marker where the
	// browser echoes page markers, or a moment where it does not (Firefox's listener runs in
	// the parent process, which logs failures before the page hears of them).
	if runErr == nil && d.console != nil {
		select {
		case <-sawDone:
		case <-time.After(2 * time.Second):
		}
	}
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
