package plugin

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Duration is a flag value given as plain seconds ("900", "1.5") or as a Go
// duration ("15m", "1h30m", "250ms"); "d" is accepted for days ("2d").
type Duration time.Duration

// ParseDuration parses the syntax described on [Duration].
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errorf("empty duration")
	}
	if v, err := strconv.ParseFloat(t, 64); err == nil {
		if v < 0 || math.IsNaN(v) || v > 1e9 {
			return 0, errorf("duration %q out of range", s)
		}
		return time.Duration(v * float64(time.Second)), nil
	}
	if strings.HasSuffix(t, "d") {
		v, err := strconv.ParseFloat(strings.TrimSuffix(t, "d"), 64)
		if err == nil && v >= 0 && v < 1e5 {
			return time.Duration(v * 24 * float64(time.Hour)), nil
		}
	}
	d, err := time.ParseDuration(t)
	if err != nil || d < 0 {
		return 0, errorf("%q is not a duration (seconds, or e.g. 15m, 1h30m)", s)
	}
	return d, nil
}

// UnmarshalFlag implements the go-flags Unmarshaler.
func (d *Duration) UnmarshalFlag(s string) error {
	v, err := ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalFlag implements the go-flags Marshaler.
func (d Duration) MarshalFlag() (string, error) { return HumanDuration(time.Duration(d)), nil }

// Std returns the time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// HumanDuration prints a duration the way operators read it: "45s",
// "2m30s", "3d4h", "1h0m" is printed "1h".
func HumanDuration(d time.Duration) string {
	if d == math.MinInt64 {
		d++ // -d would overflow
	}
	if d < 0 {
		return "-" + HumanDuration(-d)
	}
	if d < time.Second {
		if d == 0 {
			return "0s"
		}
		return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
	}
	d = d.Round(time.Second)
	days := d / (24 * time.Hour)
	d -= days * 24 * time.Hour
	h := d / time.Hour
	d -= h * time.Hour
	m := d / time.Minute
	d -= m * time.Minute
	s := d / time.Second
	var b strings.Builder
	part := func(v time.Duration, unit string) {
		if v > 0 {
			b.WriteString(strconv.FormatInt(int64(v), 10))
			b.WriteString(unit)
		}
	}
	part(days, "d")
	part(h, "h")
	if days == 0 {
		part(m, "m")
		if h == 0 {
			part(s, "s")
		}
	}
	return b.String()
}

// Timeout is the value of -t SECONDS[:STATE]: the deadline of the whole
// run and the state to exit with when it passes.
type Timeout struct {
	Duration time.Duration
	State    State
}

// UnmarshalFlag implements the go-flags Unmarshaler.
func (t *Timeout) UnmarshalFlag(s string) error {
	dur, st, hasState := strings.Cut(s, ":")
	d, err := ParseDuration(dur)
	if err != nil {
		return err
	}
	if d <= 0 {
		return errorf("timeout must be positive")
	}
	t.Duration, t.State = d, Critical
	if hasState {
		t.State, err = ParseState(st)
		if err != nil {
			return err
		}
	}
	return nil
}

// MarshalFlag implements the go-flags Marshaler.
func (t Timeout) MarshalFlag() (string, error) {
	s := strconv.FormatFloat(t.Duration.Seconds(), 'f', -1, 64)
	if t.State != Critical {
		s += ":" + t.State.String()
	}
	return s, nil
}

// ByteSize is a size flag: "4MiB", "512KiB", "1048576", "2M". Units are
// binary whatever their spelling (K, KB, KiB, any case); at most 1 TiB.
type ByteSize int64

// UnmarshalFlag implements the go-flags Unmarshaler.
func (b *ByteSize) UnmarshalFlag(s string) error {
	t := strings.TrimSpace(s)
	num := strings.TrimRight(t, "KMGTBIkmgtbi")
	mult := int64(1)
	switch strings.ToUpper(t[len(num):]) {
	case "", "B":
	case "K", "KB", "KIB":
		mult = 1 << 10
	case "M", "MB", "MIB":
		mult = 1 << 20
	case "G", "GB", "GIB":
		mult = 1 << 30
	case "T", "TB", "TIB":
		mult = 1 << 40
	default:
		return errorf("%q is not a size (e.g. 4MiB, 512KiB)", s)
	}
	v, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || v <= 0 || v > (1<<40)/mult {
		return errorf("%q is not a size (e.g. 4MiB, 512KiB)", s)
	}
	*b = ByteSize(v * mult)
	return nil
}

// MarshalFlag implements the go-flags Marshaler.
func (b ByteSize) MarshalFlag() (string, error) {
	switch {
	case b%(1<<20) == 0:
		return strconv.FormatInt(int64(b)>>20, 10) + "MiB", nil
	case b%(1<<10) == 0:
		return strconv.FormatInt(int64(b)>>10, 10) + "KiB", nil
	}
	return strconv.FormatInt(int64(b), 10), nil
}
