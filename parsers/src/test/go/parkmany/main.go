// Command parkmany parks many goroutines in a dozen ways and serves net/http/pprof on 127.0.0.1, so that a real
// /debug/pprof/goroutine?debug=2 dump of about 100k goroutines can be fetched for GoroutineBench (see fetch-dump.sh).
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"sync"
	"time"
)

var (
	never     = make(chan int)
	full      = make(chan int)
	other     = make(chan int)
	mu        sync.Mutex
	rw        sync.RWMutex
	wg        sync.WaitGroup
	condMu    sync.Mutex
	cond      = sync.NewCond(&condMu)
	nilChan   chan int
	readyOnce sync.WaitGroup
)

func parkChanReceive() { <-never }
func parkChanSend()    { full <- 1 }
func parkSelect() {
	select {
	case <-never:
	case <-other:
	}
}
func parkSelectNoCases() { select {} }
func parkMutex()         { mu.Lock() }
func parkRWMutex()       { rw.RLock() }
func parkWaitGroup()     { wg.Wait() }
func parkSleep()         { time.Sleep(24 * time.Hour) }
func parkNilChan()       { <-nilChan }
func parkCond()          { condMu.Lock(); cond.Wait() }
func parkLocked()        { runtime.LockOSThread(); <-never }
func parkDeep(depth int) {
	if depth > 0 {
		parkDeep(depth - 1)
		return
	}
	<-never
}

// parkLeak is the goroutine a leak starts again and again, so that two dumps differ by a growing bucket.
func parkLeak(id int) { <-never }

func parkRead(r *os.File) {
	buf := make([]byte, 1)
	r.Read(buf)
}

func main() {
	n := flag.Int("n", 100000, "goroutines to park")
	addr := flag.String("addr", "127.0.0.1:6061", "pprof listen address")
	leakEvery := flag.Duration("leak-every", 0, "start one more parkLeak goroutine this often (0: never)")
	deep := flag.Int("deep", 20, "frames of parkDeep above its park; the dump's size grows with it")
	flag.Parse()
	mu.Lock()
	rw.Lock()
	wg.Add(1)
	ways := []func(){parkChanReceive, parkChanSend, parkSelect, parkSelectNoCases, parkMutex, parkRWMutex,
		parkWaitGroup, parkSleep, parkNilChan, parkCond, func() { parkDeep(*deep) }}
	for i := 0; i < 10; i++ {
		go parkLocked()
	}
	var writers []*os.File // kept so the readers stay blocked instead of reading EOF
	for i := 0; i < 200 && i < *n/10; i++ {
		r, w, err := os.Pipe()
		if err != nil {
			log.Fatal(err)
		}
		writers = append(writers, w)
		go parkRead(r)
	}
	if *leakEvery > 0 {
		go func() {
			for i := 0; ; i++ {
				go parkLeak(i)
				time.Sleep(*leakEvery)
			}
		}()
	}
	// The runtime records how long a goroutine has waited only when a GC scans it.
	go func() {
		for {
			runtime.GC()
			time.Sleep(5 * time.Second)
		}
	}()
	for i := 0; i < *n-10-len(writers); i++ {
		go ways[i%len(ways)]()
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("parked %d goroutines; serving pprof on http://%s/debug/pprof/", *n, ln.Addr())
	log.Fatal(http.Serve(ln, nil))
	runtime.KeepAlive(writers)
}
