package browser

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// Firefox runs Debian's firefox-esr headless with a fresh profile whose prefs stop background
// connections (anything not on loopback goes to a proxy that refuses at once).
//
// Firefox reports CORS failures from the parent process, to the browser console only: no pref
// puts them on stdout. So the harness runs Firefox from a private copy of its installation
// (symbolic links, plus a copied launcher) with an autoconfig script, the documented way to
// run privileged JavaScript at startup, that listens to the console service and writes each
// script error with its time to stdout.
var Firefox = Driver{
	Name:     "firefox",
	Binaries: []string{"firefox-esr", "firefox"},
	Install:  "apt-get install firefox-esr",
	start: func(bin, dir, pageURL string) (*exec.Cmd, func(), error) {
		install, err := firefoxInstallCopy(bin, filepath.Join(dir, "install"))
		if err != nil {
			return nil, nil, err
		}
		profile := filepath.Join(dir, "profile")
		if err := os.MkdirAll(profile, 0o700); err != nil {
			return nil, nil, err
		}
		if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(firefoxPrefs), 0o600); err != nil {
			return nil, nil, err
		}
		cmd := exec.Command(install, "--headless", "--no-remote", "--profile", profile, pageURL)
		cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1", "MOZ_DISABLE_AUTO_SAFE_MODE=1", "LANG=C.UTF-8")
		return cmd, func() {}, nil
	},
	version: func(bin string) string { return output(bin, "--version") },
	console: func(line string) (string, time.Time, bool) {
		m := firefoxConsole.FindStringSubmatch(line)
		if m == nil {
			return "", time.Time{}, false
		}
		ms, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			return "", time.Time{}, false
		}
		return m[2], time.UnixMilli(ms), true
	},
}

// firefoxConsole matches what the autoconfig listener writes.
var firefoxConsole = regexp.MustCompile(`^CORSIM-CONSOLE (\d+) (.*)$`)

// firefoxInstallCopy links Firefox's installation directory into dir, copies the launcher (it
// finds its installation next to itself, so it must not be a link), and adds the autoconfig
// files. It returns the launcher to run.
func firefoxInstallCopy(bin, dir string) (string, error) {
	real, err := filepath.EvalSymlinks(bin)
	if err != nil {
		return "", err
	}
	src := filepath.Dir(real)
	entries, err := os.ReadDir(src)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	launcher := filepath.Join(dir, filepath.Base(real))
	for _, e := range entries {
		from, to := filepath.Join(src, e.Name()), filepath.Join(dir, e.Name())
		switch e.Name() {
		case filepath.Base(real):
			b, err := os.ReadFile(from)
			if err != nil {
				return "", err
			}
			if err := os.WriteFile(to, b, 0o755); err != nil {
				return "", err
			}
		case "defaults", "distribution":
			if err := linkChildren(from, to); err != nil {
				return "", err
			}
		default:
			if err := os.Symlink(from, to); err != nil {
				return "", err
			}
		}
	}
	files := map[string]string{
		"defaults/pref/autoconfig.js": firefoxAutoconfig,
		"mozilla.cfg":                 firefoxConsoleListener,
		"distribution/policies.json":  firefoxPolicies,
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		os.Remove(p)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return "", err
		}
	}
	if _, err := os.Stat(launcher); err != nil {
		return "", fmt.Errorf("firefox launcher %s not found in %s", filepath.Base(real), src)
	}
	return launcher, nil
}

// linkChildren makes dir a real directory whose entries (recursively for directories) link to
// src's, so files can be added to it.
func linkChildren(src, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		from, to := filepath.Join(src, e.Name()), filepath.Join(dir, e.Name())
		if e.IsDir() {
			if err := linkChildren(from, to); err != nil {
				return err
			}
			continue
		}
		if err := os.Symlink(from, to); err != nil {
			return err
		}
	}
	return nil
}

// firefoxAutoconfig is defaults/pref/autoconfig.js: it loads mozilla.cfg unsandboxed, and turns
// on dump(), which release builds silence (without it the listener runs but prints nothing).
const firefoxAutoconfig = `pref("general.config.filename", "mozilla.cfg");
pref("general.config.obscure_value", 0);
pref("general.config.sandbox_enabled", false);
pref("browser.dom.window.dump.enabled", true);
`

// firefoxConsoleListener is mozilla.cfg (its first line is skipped by Firefox). It writes the
// script errors the page can be blamed for: Firefox's own chrome code logs errors too, which
// would otherwise be filed under whatever call runs at the time.
const firefoxConsoleListener = `// corsim differential harness: console listener
try {
  const cs = Components.classes["@mozilla.org/consoleservice;1"].getService(Components.interfaces.nsIConsoleService);
  const chrome = /^(chrome|resource|moz-src|jar|about|moz-extension):/;
  cs.registerListener({
    observe(m) {
      try {
        if (!(m instanceof Components.interfaces.nsIScriptError)) return;
        if (chrome.test(m.sourceName || "") || /^chrome /.test(m.category || "")) return;
        dump("CORSIM-CONSOLE " + Date.now() + " " + m.errorMessage.replace(/\n/g, " ") + "\n");
      } catch (e) {}
    }
  });
} catch (e) { dump("corsim: console listener failed: " + e + "\n"); }
`

const firefoxPolicies = `{
  "policies": {
    "DisableRemoteSettingsAndAcceptSecurityConsequences": true,
    "DisableTelemetry": true,
    "DisableFirefoxStudies": true,
    "DisableAppUpdate": true,
    "DisablePocket": true,
    "DisableFirefoxAccounts": true,
    "DontCheckDefaultBrowser": true,
    "OverrideFirstRunPage": "",
    "OverridePostUpdatePage": "",
    "CaptivePortal": false,
    "NetworkPrediction": false,
    "ExtensionUpdate": false,
    "SearchSuggestEnabled": false
  }
}
`

// firefoxPrefs is the user.js of every fresh Firefox profile: no first-run pages, telemetry,
// updates, safe browsing or connectivity checks, and a proxy that refuses everything not on
// loopback (loopback is never proxied).
const firefoxPrefs = `user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.startup.page", 0);
user_pref("browser.aboutwelcome.enabled", false);
user_pref("browser.newtabpage.enabled", false);
user_pref("browser.sessionstore.resume_from_crash", false);
user_pref("toolkit.startup.max_resumed_crashes", -1);
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.unified", false);
user_pref("toolkit.telemetry.server", "");
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.policy.firstRunURL", "");
user_pref("app.normandy.enabled", false);
user_pref("app.shield.optoutstudies.enabled", false);
user_pref("app.update.disabledForTesting", true);
user_pref("extensions.update.enabled", false);
user_pref("extensions.systemAddon.update.enabled", false);
user_pref("extensions.getAddons.cache.enabled", false);
user_pref("extensions.blocklist.enabled", false);
user_pref("browser.search.update", false);
user_pref("browser.region.update.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("browser.safebrowsing.update.enabled", false);
user_pref("security.OCSP.enabled", 0);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("network.dns.disablePrefetch", true);
user_pref("network.prefetch-next", false);
user_pref("network.predictor.enabled", false);
user_pref("network.http.speculative-parallel-limit", 0);
user_pref("network.trr.mode", 5);
user_pref("dom.push.enabled", false);
user_pref("dom.push.connection.enabled", false);
user_pref("network.proxy.type", 1);
user_pref("network.proxy.http", "127.0.0.1");
user_pref("network.proxy.http_port", 9);
user_pref("network.proxy.ssl", "127.0.0.1");
user_pref("network.proxy.ssl_port", 9);
user_pref("network.proxy.no_proxies_on", "");
user_pref("network.proxy.allow_hijacking_localhost", false);
`
