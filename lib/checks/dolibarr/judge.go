package dolibarr

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	api "github.com/ccmon/webim-checks/lib/dolibarr"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// judgeInstance judges what an observer module said: disk use (with
// ServerObserver), documents size, version.
func (c *Check) judgeInstance(in *api.Instance) *plugin.Result {
	var ps plugin.Problems
	res := &plugin.Result{}
	parts := []string{fmt.Sprintf("Dolibarr %s online", in.Version)}
	if d := in.Disk; d != nil {
		th := plugin.Thresholds{Warn: &c.WarningDisk, Crit: &c.CriticalDisk}
		disk := fmt.Sprintf("disk %s%% used, %s free of %s", pct(d.PercentUsed), human(d.Free), human(d.Total))
		if s, r := th.Crossed(d.PercentUsed); s != plugin.OK {
			ps.Add(s, fmt.Sprintf("disk %s%% used (%s), %s free of %s", pct(d.PercentUsed), r.Describe("%"), human(d.Free), human(d.Total)))
		} else {
			parts = append(parts, disk)
		}
		res.AddPerf(plugin.Perf{Label: "disk_used", Value: d.PercentUsed, Unit: "%", Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0), Max: plugin.Float(100)},
			plugin.Perf{Label: "disk_free", Value: float64(d.Free), Unit: "B", Min: plugin.Float(0), Max: plugin.Float(float64(d.Total))})
	}
	if in.HasData {
		th := plugin.Thresholds{Warn: sizeRange(c.WarningData), Crit: sizeRange(c.CriticalData)}
		data := "documents " + human(in.DataSize)
		if s, _ := th.Crossed(float64(in.DataSize)); s != plugin.OK {
			limit := c.WarningData
			if s == plugin.Critical {
				limit = c.CriticalData
			}
			ps.Add(s, fmt.Sprintf("documents directory holds %s (> %s)", human(in.DataSize), human(int64(limit))))
		} else {
			parts = append(parts, data)
		}
		res.AddPerf(plugin.Perf{Label: "data_size", Value: float64(in.DataSize), Unit: "B", Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0)})
		res.AddLong("documents: %s, %s", in.DataPath, human(in.DataSize))
	}
	c.judgeVersion(&ps, in.Version)
	res.Summary = strings.Join(parts, "; ")
	ps.Apply(res, 3)
	res.AddLong("%s API version %s", in.API, in.APIVersion)
	return res
}

// judgeVersion warns when the version is older than --min-version.
func (c *Check) judgeVersion(ps *plugin.Problems, version string) {
	switch older, ok := c.MinVersion.Older(version); {
	case !c.MinVersion.IsSet():
	case !ok:
		ps.Add(plugin.Warning, fmt.Sprintf("version %q cannot be compared with --min-version %s", version, c.MinVersion))
	case older:
		ps.Add(plugin.Warning, fmt.Sprintf("Dolibarr %s is older than %s", version, c.MinVersion))
	}
}

// sizeRange is the perfdata/threshold range of a size flag (nil when not
// given: a size flag is never 0).
func sizeRange(b plugin.ByteSize) *plugin.Range {
	if b <= 0 {
		return nil
	}
	return plugin.MustRange(strconv.FormatInt(int64(b), 10))
}

// human writes a size in 1024-based units: "52.20 GiB".
func human(b int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	v, i := float64(b), 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%d B", b)
	}
	return fmt.Sprintf("%.2f %s", v, units[i])
}

// pct writes a percentage without trailing zeros: 46.66, 85.3, 90.
func pct(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func httpStatusText(code int) string { return http.StatusText(code) }
