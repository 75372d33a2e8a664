// demo-load: bounded load and fault injection client for demo-svc.
// Standard library only. Every mode is bounded by a count or a duration.
//
//	demo-load steady   -duration 200s -rate 4      keep-alive requests (work + upstream)
//	demo-load idle     -n 12 -hold 300s           connections that go idle forever
//	demo-load leak     -n 200                     requests to the leaking handler
//	demo-load upstream -n 10                      concurrent calls through the slow upstream
//	demo-load hot      -duration 12s -rate 25     CPU heavy requests (for the CPU profile)
//	demo-load rst      -n 12                      connections closed with SO_LINGER 0 (RST)
//	demo-load burst    -n 160 -hold 20s           connection burst to exhaust the service's fds
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var hosts []string

func host(i int) string { return hosts[i%len(hosts)] }

func main() {
	log.SetOutput(os.Stdout)
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: demo-load steady|idle|leak|upstream|hot|rst|burst [flags]")
		os.Exit(2)
	}
	cmd := os.Args[1]
	log.SetPrefix("demo-load[" + cmd + "] ")
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	hostList := fs.String("hosts", "127.0.0.1:8080,[::1]:8080", "service addresses, used round robin")
	n := fs.Int("n", 10, "number of requests / connections")
	conc := fs.Int("conc", 8, "concurrency")
	duration := fs.Duration("duration", 60*time.Second, "run time")
	rate := fs.Float64("rate", 4, "requests per second")
	hold := fs.Duration("hold", 20*time.Second, "how long to hold connections")
	timeout := fs.Duration("timeout", 20*time.Second, "client timeout")
	cost := fs.Int("cost", 20, "cost parameter for hot requests")
	upEvery := fs.Int("upstream-every", 8, "steady: every Nth request goes through the upstream")
	fs.Parse(os.Args[2:])
	hosts = strings.Split(*hostList, ",")

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	switch cmd {
	case "steady":
		steady(ctx, *duration, *rate, *timeout, *upEvery)
	case "idle":
		idle(ctx, *n, *hold)
	case "leak":
		many(*n, *conc, *timeout, "/api/leak")
	case "upstream":
		many(*n, *n, *timeout, "/api/upstream")
	case "hot":
		hot(ctx, *duration, *rate, *timeout, *cost)
	case "rst":
		rst(*n)
	case "burst":
		burst(ctx, *n, *conc, *hold)
	default:
		log.Fatalf("unknown mode %q", cmd)
	}
}

func newClient(timeout time.Duration, perHost int) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			MaxIdleConnsPerHost: perHost,
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		},
	}
}

func get(c *http.Client, url string) error {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("User-Agent", "demo-load/1")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}

type counter struct {
	ok, fail int64
	mu       sync.Mutex
	lastErr  string
}

func (c *counter) record(err error) {
	if err == nil {
		atomic.AddInt64(&c.ok, 1)
		return
	}
	atomic.AddInt64(&c.fail, 1)
	c.mu.Lock()
	c.lastErr = err.Error()
	c.mu.Unlock()
}

func (c *counter) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return fmt.Sprintf("ok=%d errors=%d last_error=%q", atomic.LoadInt64(&c.ok), atomic.LoadInt64(&c.fail), c.lastErr)
}

func steady(ctx context.Context, d time.Duration, rate float64, timeout time.Duration, upEvery int) {
	c := newClient(timeout, 4)
	var cnt counter
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	report := time.NewTicker(15 * time.Second)
	defer report.Stop()
	end := time.After(d)
	log.Printf("start rate=%.1f/s duration=%s", rate, d)
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			goto done
		case <-end:
			goto done
		case <-report.C:
			log.Printf("progress %s", cnt.String())
			continue
		case <-tick.C:
		}
		path := "/api/work"
		if upEvery > 0 && i%upEvery == upEvery-1 {
			path = "/api/upstream"
		}
		url := "http://" + host(i) + path
		select {
		case sem <- struct{}{}:
		default:
			cnt.record(fmt.Errorf("client saturated, skipped %s", path))
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cnt.record(get(c, url))
			<-sem
		}()
	}
done:
	wg.Wait()
	c.CloseIdleConnections()
	log.Printf("finished %s", cnt.String())
}

func many(n, conc int, timeout time.Duration, path string) {
	c := newClient(timeout, conc)
	var cnt counter
	var wg sync.WaitGroup
	sem := make(chan struct{}, conc)
	start := time.Now()
	for i := 0; i < n; i++ {
		sem <- struct{}{}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			cnt.record(get(c, "http://"+host(i)+path))
			<-sem
		}(i)
	}
	wg.Wait()
	c.CloseIdleConnections()
	log.Printf("%d x %s in %s: %s", n, path, time.Since(start).Round(time.Millisecond), cnt.String())
}

func hot(ctx context.Context, d time.Duration, rate float64, timeout time.Duration, cost int) {
	c := newClient(timeout, 8)
	var cnt counter
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	end := time.After(d)
	for i := 0; i < 100000; i++ {
		select {
		case <-ctx.Done():
			goto done
		case <-end:
			goto done
		case <-tick.C:
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			cnt.record(get(c, fmt.Sprintf("http://%s/api/work?cost=%d", host(i), cost)))
		}(i)
	}
done:
	wg.Wait()
	c.CloseIdleConnections()
	log.Printf("hot phase finished: %s", cnt.String())
}

// idle opens connections and then never sends anything more. Every third
// connection first completes one request so the server parks it as keep-alive.
func idle(ctx context.Context, n int, hold time.Duration) {
	var wg sync.WaitGroup
	var conns []net.Conn
	var mu sync.Mutex
	for i := 0; i < n; i++ {
		conn, err := net.DialTimeout("tcp", host(i), 5*time.Second)
		if err != nil {
			log.Printf("idle conn %d: dial: %v", i, err)
			continue
		}
		kind := "silent"
		if i%3 == 0 {
			kind = "after-one-request"
			fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: demo\r\nUser-Agent: demo-load/1 idle\r\n\r\n")
			conn.SetReadDeadline(time.Now().Add(3 * time.Second))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			conn.SetReadDeadline(time.Time{})
		}
		log.Printf("idle conn %d %s %s -> %s", i, kind, conn.LocalAddr(), conn.RemoteAddr())
		mu.Lock()
		conns = append(conns, conn)
		mu.Unlock()
		wg.Add(1)
		go func(i int, conn net.Conn) {
			defer wg.Done()
			start := time.Now()
			conn.SetReadDeadline(start.Add(hold))
			buf := make([]byte, 512)
			_, err := conn.Read(buf)
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				return
			}
			log.Printf("idle conn %d %s closed by peer after %s: %v", i, conn.LocalAddr(), time.Since(start).Round(time.Millisecond), err)
		}(i, conn)
	}
	log.Printf("%d idle connections open, holding up to %s", len(conns), hold)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-ctx.Done():
	case <-done:
	}
	mu.Lock()
	for _, c := range conns {
		c.Close()
	}
	mu.Unlock()
	log.Printf("idle client exiting")
}

// rst opens connections, sends a full or a partial request and aborts them
// with SO_LINGER 0, which makes the kernel send RST instead of FIN.
func rst(n int) {
	for i := 0; i < n; i++ {
		conn, err := net.DialTimeout("tcp", host(i), 5*time.Second)
		if err != nil {
			log.Printf("rst conn %d: dial: %v", i, err)
			continue
		}
		kind := "full-request"
		if i%2 == 0 {
			fmt.Fprintf(conn, "GET /api/work HTTP/1.1\r\nHost: demo\r\nUser-Agent: demo-load/1 rst\r\n\r\n")
		} else {
			kind = "partial-header"
			fmt.Fprintf(conn, "GET /api/work HTTP/1.1\r\nHost: demo\r\nUser-Agent: demo-lo")
		}
		time.Sleep(30 * time.Millisecond)
		conn.(*net.TCPConn).SetLinger(0)
		log.Printf("rst conn %d %s %s -> %s aborted with SO_LINGER 0", i, kind, conn.LocalAddr(), conn.RemoteAddr())
		conn.Close()
		time.Sleep(100 * time.Millisecond)
	}
}

// burst opens n connections as fast as possible, sends an unfinished request
// header on each and holds them, so the service runs into its open-file limit.
func burst(ctx context.Context, n, conc int, hold time.Duration) {
	var mu sync.Mutex
	var conns []net.Conn
	var failed int64
	var wg sync.WaitGroup
	sem := make(chan struct{}, conc)
	start := time.Now()
	for i := 0; i < n; i++ {
		sem <- struct{}{}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			conn, err := net.DialTimeout("tcp", host(i), 3*time.Second)
			if err != nil {
				atomic.AddInt64(&failed, 1)
				return
			}
			fmt.Fprintf(conn, "GET /api/work HTTP/1.1\r\nHost: demo\r\nUser-Agent: demo-load/1 burst\r\n")
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	log.Printf("burst: %d/%d connections established in %s (%d dial errors), holding %s",
		len(conns), n, time.Since(start).Round(time.Millisecond), failed, hold)
	select {
	case <-ctx.Done():
	case <-time.After(hold):
	}
	for _, c := range conns {
		c.Close()
	}
	log.Printf("burst: closed %d connections", len(conns))
}
