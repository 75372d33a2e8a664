// Command cpuprofile-gen writes a real Go CPU profile the size of a busy service's merged profile, for PprofBench:
// the Go runtime samples this program's own stacks. Every unit of work runs under its own pprof label, so nearly every
// sample is a distinct record (as in a profile merged from many labelled requests), and the work walks random call
// paths 6..40 deep through 24 functions, so stacks differ too.
//
// The kernel delivers profiling signals at most once per scheduler tick per thread (about 250 Hz here, whatever -hz
// asks), so the size follows CPU time: 460 CPU seconds gave 102,712 samples, 7.6 MB uncompressed; 490 gives about
// 109k samples, 8 MB.
//
//	nice go run . -out cpu.pprof -cpu-seconds 490
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var table []func(int, uint64) uint64

func init() {
	table = []func(int, uint64) uint64{f00, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23}
}

// next descends one level, or burns CPU at the leaf.
func next(depth int, r uint64) uint64 {
	if depth <= 0 {
		return burn(r)
	}
	return table[(r>>33)%uint64(len(table))](depth-1, r)
}

//go:noinline
func burn(r uint64) uint64 {
	for i := 0; i < 20000; i++ {
		r ^= r << 13
		r ^= r >> 7
		r ^= r << 17
	}
	return r
}

//go:noinline
func f00(depth int, r uint64) uint64 { return next(depth, r*6364136223846793005+1442695040888963407) }

//go:noinline
func f01(depth int, r uint64) uint64 { return next(depth, r*6364136223846793007+1442695040888963409) }

//go:noinline
func f02(depth int, r uint64) uint64 { return next(depth, r*6364136223846793009+1442695040888963411) }

//go:noinline
func f03(depth int, r uint64) uint64 { return next(depth, r*6364136223846793011+1442695040888963413) }

//go:noinline
func f04(depth int, r uint64) uint64 { return next(depth, r*6364136223846793013+1442695040888963415) }

//go:noinline
func f05(depth int, r uint64) uint64 { return next(depth, r*6364136223846793015+1442695040888963417) }

//go:noinline
func f06(depth int, r uint64) uint64 { return next(depth, r*6364136223846793017+1442695040888963419) }

//go:noinline
func f07(depth int, r uint64) uint64 { return next(depth, r*6364136223846793019+1442695040888963421) }

//go:noinline
func f08(depth int, r uint64) uint64 { return next(depth, r*6364136223846793021+1442695040888963423) }

//go:noinline
func f09(depth int, r uint64) uint64 { return next(depth, r*6364136223846793023+1442695040888963425) }

//go:noinline
func f10(depth int, r uint64) uint64 { return next(depth, r*6364136223846793025+1442695040888963427) }

//go:noinline
func f11(depth int, r uint64) uint64 { return next(depth, r*6364136223846793027+1442695040888963429) }

//go:noinline
func f12(depth int, r uint64) uint64 { return next(depth, r*6364136223846793029+1442695040888963431) }

//go:noinline
func f13(depth int, r uint64) uint64 { return next(depth, r*6364136223846793031+1442695040888963433) }

//go:noinline
func f14(depth int, r uint64) uint64 { return next(depth, r*6364136223846793033+1442695040888963435) }

//go:noinline
func f15(depth int, r uint64) uint64 { return next(depth, r*6364136223846793035+1442695040888963437) }

//go:noinline
func f16(depth int, r uint64) uint64 { return next(depth, r*6364136223846793037+1442695040888963439) }

//go:noinline
func f17(depth int, r uint64) uint64 { return next(depth, r*6364136223846793039+1442695040888963441) }

//go:noinline
func f18(depth int, r uint64) uint64 { return next(depth, r*6364136223846793041+1442695040888963443) }

//go:noinline
func f19(depth int, r uint64) uint64 { return next(depth, r*6364136223846793043+1442695040888963445) }

//go:noinline
func f20(depth int, r uint64) uint64 { return next(depth, r*6364136223846793045+1442695040888963447) }

//go:noinline
func f21(depth int, r uint64) uint64 { return next(depth, r*6364136223846793047+1442695040888963449) }

//go:noinline
func f22(depth int, r uint64) uint64 { return next(depth, r*6364136223846793049+1442695040888963451) }

//go:noinline
func f23(depth int, r uint64) uint64 { return next(depth, r*6364136223846793051+1442695040888963453) }

// cpuUsed is the process's user and system CPU time in seconds.
func cpuUsed() float64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return float64(u.Utime.Nano()+u.Stime.Nano()) / 1e9
}

func main() {
	out := flag.String("out", "cpu.pprof", "where to write the profile (gzipped, as Go writes it)")
	seconds := flag.Float64("seconds", 3600, "longest wall time to run")
	cpuSeconds := flag.Float64("cpu-seconds", 10, "stop once the process has used this much CPU")
	hz := flag.Int("hz", 4000, "sampling rate; set before StartCPUProfile, which then keeps it")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "busy goroutines")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	runtime.SetCPUProfileRate(*hz)
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	deadline := time.Now().Add(time.Duration(*seconds * float64(time.Second)))
	var request int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := seed
			for time.Now().Before(deadline) && cpuUsed() < *cpuSeconds {
				id := atomic.AddInt64(&request, 1)
				pprof.Do(context.Background(), pprof.Labels("request", strconv.FormatInt(id, 10)), func(context.Context) {
					r = r*6364136223846793005 + 1442695040888963407
					r = next(6+int((r>>40)%35), r)
				})
			}
		}(uint64(w + 1))
	}
	wg.Wait()
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d labelled units of work\n", *out, request)
}
