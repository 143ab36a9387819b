// Command scaleplot draws how the glossary's costs grow with the corpus:
// search and suggest latency (p50 and p99, in process) and memory and
// index size against the number of terms, on log-log axes, from the two
// tables scripts/scale.sh writes. It is a module of its own so that the
// plotting library stays out of the glossary's dependencies.
//
//	go run . -bench bench.txt -scale scale.tsv -o ../../docs/scale.png
package main

import (
	"bufio"
	"flag"
	"fmt"
	"image/color"
	"log"
	"os"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

func main() {
	benchFile := flag.String("bench", "", "go test -bench output of search's BenchmarkSearch and BenchmarkSuggest")
	scaleFile := flag.String("scale", "", "scale.tsv written by scripts/scale.sh")
	out := flag.String("o", "scale.png", "the PNG to write")
	flag.Parse()
	if err := run(*benchFile, *scaleFile, *out); err != nil {
		log.Fatal(err)
	}
}

// row is one scale of scale.tsv.
type row struct {
	scale string
	terms float64
	cols  map[string]float64
}

func readScale(path string) ([]row, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 2 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	head := strings.Split(lines[0], "\t")
	var rows []row
	for i, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) != len(head) {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", path, i+2, len(f), len(head))
		}
		r := row{scale: f[0], cols: map[string]float64{}}
		for j := 1; j < len(f); j++ {
			v, err := strconv.ParseFloat(f[j], 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: column %s: %w", path, i+2, head[j], err)
			}
			r.cols[head[j]] = v
		}
		r.terms = r.cols["terms"]
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(a, b row) int { return int(a.terms - b.terms) })
	return rows, nil
}

// latency is one benchmark's percentiles at one scale.
type latency struct{ p50, p99 float64 }

// readBench reads lines such as
// "BenchmarkSearch/dictd/description-2  300  3011451 ns/op  692.9 p50-µs  10592 p99-µs"
// into series named "search description", keyed by scale.
func readBench(path string) (map[string]map[string]latency, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	series := map[string]map[string]latency{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		parts := strings.Split(strings.TrimPrefix(fields[0], "Benchmark"), "/")
		if len(parts) != 3 {
			continue
		}
		shape := parts[2]
		if i := strings.LastIndex(shape, "-"); i > 0 {
			if _, err := strconv.Atoi(shape[i+1:]); err == nil {
				shape = shape[:i]
			}
		}
		var l latency
		for i := 1; i+1 < len(fields); i++ {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			switch fields[i+1] {
			case "p50-µs":
				l.p50 = v
			case "p99-µs":
				l.p99 = v
			}
		}
		name := strings.ToLower(parts[0]) + " " + shape
		if series[name] == nil {
			series[name] = map[string]latency{}
		}
		series[name][parts[1]] = l
	}
	return series, sc.Err()
}

func run(benchFile, scaleFile, out string) error {
	rows, err := readScale(scaleFile)
	if err != nil {
		return err
	}
	series, err := readBench(benchFile)
	if err != nil {
		return err
	}
	if len(series) == 0 {
		return fmt.Errorf("%s: no benchmark lines with p50-µs and p99-µs", benchFile)
	}
	searchLat, err := latencyPlot("search", rows, series)
	if err != nil {
		return err
	}
	suggestLat, err := latencyPlot("suggest", rows, series)
	if err != nil {
		return err
	}
	mem, err := memoryPlot(rows)
	if err != nil {
		return err
	}
	plots := []*plot.Plot{searchLat, suggestLat, mem}
	const w, h = 18 * vg.Inch, 6 * vg.Inch
	img := vgimg.New(w, h)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: len(plots), PadX: vg.Inch / 2, PadTop: vg.Inch / 4, PadBottom: vg.Inch / 4, PadLeft: vg.Inch / 4, PadRight: vg.Inch / 4}
	canvases := plot.Align([][]*plot.Plot{plots}, tiles, dc)
	for i, p := range plots {
		p.Draw(canvases[0][i])
	}
	file, err := os.Create(out)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(file); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

var palette = []color.Color{
	color.RGBA{0x1f, 0x77, 0xb4, 0xff}, color.RGBA{0xd6, 0x27, 0x28, 0xff}, color.RGBA{0x2c, 0xa0, 0x2c, 0xff},
	color.RGBA{0xff, 0x7f, 0x0e, 0xff}, color.RGBA{0x94, 0x67, 0xbd, 0xff}, color.RGBA{0x8c, 0x56, 0x4b, 0xff},
	color.RGBA{0xe3, 0x77, 0xc2, 0xff}, color.RGBA{0x7f, 0x7f, 0x7f, 0xff}, color.RGBA{0x17, 0xbe, 0xcf, 0xff},
	color.RGBA{0xbc, 0xbd, 0x22, 0xff}, color.RGBA{0x00, 0x00, 0x00, 0xff},
}

func newLogLog(title, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "terms"
	p.Y.Label.Text = ylabel
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())
	return p
}

func addLine(p *plot.Plot, label string, pts plotter.XYs, c color.Color, dashed bool) error {
	l, s, err := plotter.NewLinePoints(pts)
	if err != nil {
		return fmt.Errorf("%s: %w", label, err)
	}
	l.Color, s.Color = c, c
	l.Width = vg.Points(1.5)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	}
	p.Add(l, s)
	p.Legend.Add(label, l, s)
	return nil
}

// latencyPlot draws the series whose names start with kind ("search").
func latencyPlot(kind string, rows []row, series map[string]map[string]latency) (*plot.Plot, error) {
	p := newLogLog(kind+" in process: p50 solid, p99 dashed", "µs")
	var names []string
	for n := range series {
		if strings.HasPrefix(n, kind+" ") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for i, n := range names {
		var p50, p99 plotter.XYs
		for _, r := range rows {
			if l, ok := series[n][r.scale]; ok && l.p50 > 0 && l.p99 > 0 {
				p50 = append(p50, plotter.XY{X: r.terms, Y: l.p50})
				p99 = append(p99, plotter.XY{X: r.terms, Y: l.p99})
			}
		}
		if len(p50) == 0 {
			continue
		}
		c := palette[i%len(palette)]
		if err := addLine(p, n, p50, c, false); err != nil {
			return nil, err
		}
		l, err := plotter.NewLine(p99)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width, l.Dashes = c, vg.Points(1), []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
	}
	return p, nil
}

func memoryPlot(rows []row) (*plot.Plot, error) {
	p := newLogLog("memory and size", "MB")
	for i, col := range []struct{ key, label string }{
		{"rss_after_mb", "serve, resident after the HTTP runs"},
		{"rss_ready_mb", "serve, resident when ready"},
		{"build_peak_mb", "index build, peak resident"},
		{"index_mb", "generation on disk"},
	} {
		var pts plotter.XYs
		for _, r := range rows {
			if v := r.cols[col.key]; v > 0 {
				pts = append(pts, plotter.XY{X: r.terms, Y: v})
			}
		}
		if err := addLine(p, col.label, pts, palette[i], false); err != nil {
			return nil, err
		}
	}
	return p, nil
}
