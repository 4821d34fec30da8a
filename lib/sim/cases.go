package sim

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Case is one expectation of the end-to-end tests and of make demo: run
// the check with Args against the simulator, expect exit code Code and a
// first line that starts with Want (see [Case.Matches]).
type Case struct {
	Check string
	Args  []string
	Code  int
	Want  string
	// Where is "file:line" for messages.
	Where string
}

// LoadCases reads every *.txt file in dir (testdata/e2e). Each case is two
// lines:
//
//	check_webim_db -H {sim}/db-down
//	  => 2 WEBIM DB CRITICAL - the meta database is unreachable
//
// {sim} stands for the simulator's base URL. Arguments are split on
// spaces. Lines starting with # are comments.
func LoadCases(dir string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Case
	for _, f := range files {
		cs, err := loadCaseFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no cases in %s", dir)
	}
	return out, nil
}

func loadCaseFile(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Case
	var cur *Case
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", filepath.Base(path), n)
		if rest, ok := strings.CutPrefix(line, "=>"); ok {
			if cur == nil {
				return nil, fmt.Errorf("%s: expectation without a command", where)
			}
			code, want, _ := strings.Cut(strings.TrimSpace(rest), " ")
			c, err := strconv.Atoi(code)
			if err != nil || c < 0 || c > 3 {
				return nil, fmt.Errorf("%s: bad exit code %q", where, code)
			}
			cur.Code, cur.Want = c, want
			out = append(out, *cur)
			cur = nil
			continue
		}
		if cur != nil {
			return nil, fmt.Errorf("%s: command without an expectation before it", where)
		}
		fields := strings.Fields(line)
		cur = &Case{Check: fields[0], Args: fields[1:], Where: where}
	}
	if cur != nil {
		return nil, fmt.Errorf("%s: last command has no expectation", path)
	}
	return out, sc.Err()
}

// urlAddr matches the scheme and address of a URL.
var urlAddr = regexp.MustCompile(`https?://[^/\s"]+`)

// StripURLs removes the scheme and address of every URL in s ("GET
// http://127.0.0.1:40123/x" becomes "GET /x"), so that outputs can be
// compared whatever port the simulator listens on.
func StripURLs(s string) string { return urlAddr.ReplaceAllString(s, "") }

// Matches reports whether first, a first output line, starts with the
// expected text; URLs are compared without scheme and address, as the
// expectations are written.
func (c Case) Matches(first string) bool {
	return strings.HasPrefix(StripURLs(first), StripURLs(c.Want))
}

// Expand returns the arguments with {sim} replaced by base.
func (c Case) Expand(base string) []string {
	out := make([]string, len(c.Args))
	for i, a := range c.Args {
		out[i] = strings.ReplaceAll(a, "{sim}", base)
	}
	return out
}

// Env is the environment the cases run with: the credentials the simulator
// accepts, passed the way the contract recommends (never on the command line).
func Env() []string {
	return []string{
		"WEBIM_USER=" + WebimUser,
		"WEBIM_PASSWORD=" + WebimPassword,
		"WEBIM_AUTH_TOKEN=" + WebimAuthToken,
		"ITGRIX_USER=" + ItgrixUser,
		"ITGRIX_PASSWORD=" + ItgrixPassword,
		"WA_API_KEY=" + WAAPIKey,
		"WEBIM_HANDLER_USER=" + WebimHandlerUser,
		"WEBIM_HANDLER_PASSWORD=" + WebimHandlerPassword,
		"WEBIM_PRIVATE_KEY=" + WebimPrivateKey,
		"DOLIBARR_API_KEY=" + DolibarrAPIKey,
		"DOLIBARR_TOKEN=" + DolibarrToken,
	}
}
