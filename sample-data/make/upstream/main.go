// demo-upstream: a tiny, deliberately slow upstream for demo-svc.
// /slow answers after a normal delay; POST/GET /admin/stall?seconds=N makes
// every /slow request hang until the stall window is over.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

var (
	listen = flag.String("listen", "127.0.0.1:8081", "listen address")
	delay  = flag.Duration("delay", 800*time.Millisecond, "normal response delay")
)

var (
	mu         sync.Mutex
	stallUntil time.Time
)

func main() {
	flag.Parse()
	log.SetOutput(os.Stdout)
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	log.SetPrefix("demo-upstream ")

	http.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		d := *delay + time.Duration(rand.Int63n(int64(*delay)/2+1))
		mu.Lock()
		if until := time.Until(stallUntil); until > 0 {
			d += until
		}
		mu.Unlock()
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
		fmt.Fprintf(w, "{\"upstream\":\"ok\",\"delay_ms\":%d}\n", d.Milliseconds())
	})
	http.HandleFunc("/admin/stall", func(w http.ResponseWriter, r *http.Request) {
		s, _ := strconv.Atoi(r.URL.Query().Get("seconds"))
		if s < 0 || s > 600 {
			s = 0
		}
		mu.Lock()
		stallUntil = time.Now().Add(time.Duration(s) * time.Second)
		mu.Unlock()
		log.Printf("stalling every /slow response for %ds", s)
		fmt.Fprintf(w, "stalled %ds\n", s)
	})
	srv := &http.Server{Addr: *listen, ReadHeaderTimeout: 5 * time.Second}
	log.Printf("listening on %s delay=%s", *listen, *delay)
	log.Fatal(srv.ListenAndServe())
}
