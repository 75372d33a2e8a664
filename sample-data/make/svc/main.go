// demo-svc: a deliberately fragile HTTP service used to produce the sample
// incident for the forensics workbench. Standard library only.
//
// In -mode incident it reproduces classic Go production failures:
//   - http.Server without ReadTimeout / WriteTimeout / IdleTimeout
//   - /api/leak starts a goroutine per request that blocks forever on a
//     channel nobody closes (leakyHandler.func1)
//   - /api/upstream calls a slow upstream with http.DefaultClient (no timeout)
// In -mode control the same code runs with timeouts, a bounded client and the
// leak channel closed, so nothing accumulates.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var (
	mode        = flag.String("mode", "incident", "incident or control")
	listen      = flag.String("listen", "127.0.0.1:8080,[::1]:8080", "comma separated listen addresses")
	upstreamURL = flag.String("upstream", "http://127.0.0.1:8081/slow", "slow upstream URL")
	pidfile     = flag.String("pidfile", "", "write pid here")
)

var (
	requests int64
	leaked   int64
	upErrors int64

	statsMu sync.Mutex // deliberately coarse lock: shows up in the mutex profile
	stats   = map[string]int64{}

	workSem = make(chan struct{}, 2) // tiny worker pool: shows up in the block profile

	cacheMu sync.RWMutex
	cache   [][]byte
)

func control() bool { return *mode == "control" }

type item struct {
	ID    int     `json:"id"`
	Name  string  `json:"name"`
	Score float64 `json:"score"`
}

// workHandler allocates, hashes, takes a contended lock and waits for a slot
// in a small worker pool.
func workHandler(w http.ResponseWriter, r *http.Request) {
	atomic.AddInt64(&requests, 1)
	cost, _ := strconv.Atoi(r.URL.Query().Get("cost"))
	if cost <= 0 || cost > 50 {
		cost = 1
	}
	workSem <- struct{}{}
	buf := make([]byte, 64<<10)
	rand.Read(buf)
	var sum [32]byte
	for i := 0; i < cost*8; i++ {
		sum = sha256.Sum256(buf)
		buf[i%len(buf)] ^= sum[0]
	}
	items := make([]item, 200)
	for i := range items {
		items[i] = item{ID: i, Name: fmt.Sprintf("item-%d-%x", i, sum[i%32]), Score: rand.Float64()}
	}
	out, _ := json.Marshal(items)
	<-workSem

	statsMu.Lock()
	stats[r.URL.Path]++
	h := sha256.Sum256(out) // work while holding the lock -> contention
	stats["bytes"] += int64(len(out))
	statsMu.Unlock()

	time.Sleep(time.Duration(5+rand.Intn(20)) * time.Millisecond) // pretend I/O
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, "{\"ok\":true,\"digest\":\"%s\",\"items\":%d}\n", hex.EncodeToString(h[:8]), len(items))
}

// leakyHandler hands a "job" to a goroutine that waits for a result channel.
// In incident mode nobody ever sends on or closes ch: one goroutine leaks per request.
func leakyHandler(w http.ResponseWriter, r *http.Request) {
	atomic.AddInt64(&requests, 1)
	ch := make(chan []byte)
	payload := make([]byte, 2048)
	go func() {
		result := <-ch // blocks forever in incident mode
		_ = append(payload, result...)
	}()
	n := atomic.AddInt64(&leaked, 1)
	if control() {
		close(ch)
		atomic.AddInt64(&leaked, -1)
		n = 0
	}
	fmt.Fprintf(w, "{\"queued\":true,\"pending\":%d}\n", n)
}

var boundedClient = &http.Client{Timeout: 3 * time.Second}

// upstreamHandler calls the slow upstream. Incident mode uses
// http.DefaultClient (no timeout) and ignores the request context.
func upstreamHandler(w http.ResponseWriter, r *http.Request) {
	atomic.AddInt64(&requests, 1)
	client := http.DefaultClient
	if control() {
		client = boundedClient
	}
	start := time.Now()
	resp, err := client.Get(*upstreamURL)
	if err != nil {
		atomic.AddInt64(&upErrors, 1)
		log.Printf("upstream call failed after %s: %v", time.Since(start).Round(time.Millisecond), err)
		http.Error(w, "upstream error", http.StatusBadGateway)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if d := time.Since(start); d > 5*time.Second {
		log.Printf("slow upstream call took %s", d.Round(time.Millisecond))
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

func healthHandler(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "ok\n")
}

// refreshCache allocates periodically so gctrace always has something to say.
func refreshCache(ctx context.Context) {
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fresh := make([][]byte, 0, 64)
		for i := 0; i < 64; i++ {
			b := make([]byte, 16<<10)
			rand.Read(b[:64])
			fresh = append(fresh, b)
		}
		cacheMu.Lock()
		cache = fresh
		cacheMu.Unlock()
		statsMu.Lock()
		stats["cache_refresh"]++
		statsMu.Unlock()
	}
}

func openFDs() string {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return "?"
	}
	return strconv.Itoa(len(ents))
}

func reportStats(ctx context.Context) {
	t := time.NewTicker(10 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		log.Printf("stats: goroutines=%d open_fds=%s heap_alloc_kb=%d requests=%d leaked_jobs=%d upstream_errors=%d",
			runtime.NumGoroutine(), openFDs(), ms.HeapAlloc>>10,
			atomic.LoadInt64(&requests), atomic.LoadInt64(&leaked), atomic.LoadInt64(&upErrors))
	}
}

func main() {
	flag.Parse()
	log.SetOutput(os.Stdout)
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	log.SetPrefix("demo-svc ")

	runtime.SetBlockProfileRate(10000) // sample blocking events >= ~10us
	runtime.SetMutexProfileFraction(2)

	if *pidfile != "" {
		os.WriteFile(*pidfile, []byte(strconv.Itoa(os.Getpid())+"\n"), 0644)
	}

	http.HandleFunc("/api/work", workHandler)
	http.HandleFunc("/api/leak", leakyHandler)
	http.HandleFunc("/api/upstream", upstreamHandler)
	http.HandleFunc("/healthz", healthHandler)

	var srv *http.Server
	if control() {
		srv = &http.Server{
			ReadHeaderTimeout: 2 * time.Second,
			ReadTimeout:       5 * time.Second,
			WriteTimeout:      30 * time.Second, // pprof CPU profile needs a few seconds
			IdleTimeout:       15 * time.Second,
			MaxHeaderBytes:    16 << 10,
		}
	} else {
		srv = &http.Server{} // no ReadTimeout, no WriteTimeout, no IdleTimeout
	}

	var lim syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	log.Printf("starting pid=%d mode=%s go=%s nofile=%d upstream=%s", os.Getpid(), *mode, runtime.Version(), lim.Cur, *upstreamURL)

	ctx, cancel := context.WithCancel(context.Background())
	go refreshCache(ctx)
	go reportStats(ctx)

	errc := make(chan error, 4)
	for _, a := range strings.Split(*listen, ",") {
		ln, err := net.Listen("tcp", a)
		if err != nil {
			log.Fatalf("listen %s: %v", a, err)
		}
		log.Printf("listening on %s", ln.Addr())
		go func() { errc <- srv.Serve(ln) }()
	}

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	select {
	case s := <-sig:
		log.Printf("received %s, shutting down", s)
	case err := <-errc:
		log.Printf("serve error: %v", err)
	}
	cancel()
	sctx, scancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer scancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Printf("shutdown: %v (closing remaining connections)", err)
		srv.Close()
	}
	log.Printf("stopped")
}
