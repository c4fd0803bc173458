// Command loadgen drives attune.testing.v1.EchoService with a fixed number of concurrent workers, each running calls back
// to back (closed loop), and prints one JSON object: calls (or messages) per second, latency percentiles and, when the
// server answers a stats port, its allocations and CPU time per call.
//
// Scenarios:
//
//	unary          one Unary call per operation
//	pingpong       one long-lived Bidi stream per worker; an operation is one request and its echoed reply
//	serverstream   ServerStream calls of -repeat replies; an operation is one reply (latency: whole call)
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	testingv1 "attune/testing/v1"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

type result struct {
	Target                string  `json:"target"`
	Scenario              string  `json:"scenario"`
	Concurrency           int     `json:"concurrency"`
	Connections           int     `json:"connections"`
	PayloadBytes          int     `json:"payload_bytes"`
	DurationSeconds       float64 `json:"duration_s"`
	Operations            int64   `json:"operations"`
	Errors                int64   `json:"errors"`
	OpsPerSecond          float64 `json:"ops_per_s"`
	P50Micros             float64 `json:"p50_us"`
	P99Micros             float64 `json:"p99_us"`
	ServerAllocBytesPerOp float64 `json:"server_alloc_bytes_per_op"`
	ServerAllocObjsPerOp  float64 `json:"server_alloc_objects_per_op"`
	ServerGCs             float64 `json:"server_gc_count"`
	ServerCPUMicrosPerOp  float64 `json:"server_cpu_us_per_op"`
}

type serverStats struct {
	AllocBytes   float64 `json:"alloc_bytes"`
	AllocObjects float64 `json:"alloc_objects"`
	GCCount      float64 `json:"gc_count"`
}

func readStats(addr string) (serverStats, error) {
	var s serverStats
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return s, err
	}
	defer conn.Close()
	line, err := bufio.NewReader(conn).ReadBytes('\n')
	if err != nil && len(line) == 0 {
		return s, err
	}
	return s, json.Unmarshal(line, &s)
}

// cpuMicros reads a process's user+system CPU time from /proc/PID/stat (clock ticks of 10 ms).
func cpuMicros(pid int) (float64, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
	fields := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+2:]))
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	return (utime + stime) * 1e6 / 100, nil
}

type worker struct {
	latencies []time.Duration
	ops       int64
	errors    int64
}

func main() {
	target := flag.String("target", "127.0.0.1:50051", "server address (h2c)")
	scenario := flag.String("scenario", "unary", "unary | pingpong | serverstream")
	concurrency := flag.Int("c", 32, "concurrent workers")
	connections := flag.Int("conns", 0, "HTTP/2 connections shared round-robin by the workers (0: one per 64 workers)")
	warmup := flag.Duration("warmup", 2*time.Second, "warm-up, not measured")
	duration := flag.Duration("d", 5*time.Second, "measured duration")
	payloadSize := flag.Int("payload", 100, "payload bytes per request")
	repeat := flag.Int("repeat", 100, "replies per ServerStream call")
	statsAddr := flag.String("stats", "", "server stats address (JSON line of alloc_bytes, alloc_objects, gc_count)")
	serverPid := flag.Int("server-pid", 0, "server process id, for CPU time per operation")
	header := flag.String("metadata", "", "KEY=VALUE sent as metadata with every call (e.g. x-api-key=... through a gateway)")
	flag.Parse()

	dialOptions := []grpc.DialOption{grpc.WithInsecure(), grpc.WithBlock()}
	if key, value, ok := strings.Cut(*header, "="); ok {
		dialOptions = append(dialOptions,
			grpc.WithUnaryInterceptor(func(ctx context.Context, method string, req, reply interface{}, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
				return invoker(metadata.AppendToOutgoingContext(ctx, key, value), method, req, reply, cc, opts...)
			}),
			grpc.WithStreamInterceptor(func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
				return streamer(metadata.AppendToOutgoingContext(ctx, key, value), desc, cc, method, opts...)
			}))
	}

	if *connections <= 0 {
		*connections = (*concurrency + 63) / 64
	}
	clients := make([]testingv1.EchoServiceClient, *connections)
	for i := range clients {
		conn, err := grpc.Dial(*target, dialOptions...)
		if err != nil {
			log.Fatalf("dial %s: %v", *target, err)
		}
		defer conn.Close()
		clients[i] = testingv1.NewEchoServiceClient(conn)
	}
	request := &testingv1.EchoRequest{Message: "ping", Payload: make([]byte, *payloadSize), Repeat: int32(*repeat)}

	var measuring atomic.Bool
	stop := make(chan struct{})
	workers := make([]*worker, *concurrency)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{latencies: make([]time.Duration, 0, 1<<16)}
		workers[i] = w
		client := clients[i%len(clients)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(*scenario, client, request, w, &measuring, stop)
		}()
	}

	time.Sleep(*warmup)
	before, statsErr := readStatsIf(*statsAddr)
	cpuBefore, _ := cpuIf(*serverPid)
	measuring.Store(true)
	start := time.Now()
	time.Sleep(*duration)
	measuring.Store(false)
	elapsed := time.Since(start)
	after, _ := readStatsIf(*statsAddr)
	cpuAfter, _ := cpuIf(*serverPid)
	close(stop)
	wg.Wait()

	var all []time.Duration
	res := result{Target: *target, Scenario: *scenario, Concurrency: *concurrency, Connections: len(clients),
		PayloadBytes: *payloadSize, DurationSeconds: elapsed.Seconds()}
	for _, w := range workers {
		all = append(all, w.latencies...)
		res.Operations += w.ops
		res.Errors += w.errors
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	res.OpsPerSecond = float64(res.Operations) / elapsed.Seconds()
	res.P50Micros = percentile(all, 0.50)
	res.P99Micros = percentile(all, 0.99)
	if *statsAddr != "" && statsErr == nil && res.Operations > 0 {
		ops := float64(res.Operations)
		res.ServerAllocBytesPerOp = (after.AllocBytes - before.AllocBytes) / ops
		res.ServerAllocObjsPerOp = (after.AllocObjects - before.AllocObjects) / ops
		res.ServerGCs = after.GCCount - before.GCCount
	}
	if *serverPid > 0 && res.Operations > 0 {
		res.ServerCPUMicrosPerOp = (cpuAfter - cpuBefore) / float64(res.Operations)
	}
	fmt.Fprintf(os.Stderr, "%.0f ops/s, p50 %.0f us, p99 %.0f us, %.0f B/op, %.1f cpu-us/op, errors %d\n",
		res.OpsPerSecond, res.P50Micros, res.P99Micros, res.ServerAllocBytesPerOp, res.ServerCPUMicrosPerOp, res.Errors)
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		log.Fatal(err)
	}
}

func readStatsIf(addr string) (serverStats, error) {
	if addr == "" {
		return serverStats{}, nil
	}
	s, err := readStats(addr)
	if err != nil {
		log.Printf("stats %s: %v", addr, err)
	}
	return s, err
}

func cpuIf(pid int) (float64, error) {
	if pid <= 0 {
		return 0, nil
	}
	return cpuMicros(pid)
}

func percentile(sorted []time.Duration, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return float64(sorted[int(q*float64(len(sorted)-1))].Nanoseconds()) / 1e3
}

func run(scenario string, client testingv1.EchoServiceClient, request *testingv1.EchoRequest, w *worker, measuring *atomic.Bool, stop chan struct{}) {
	ctx := context.Background()
	record := func(start time.Time, ops int64, err error) {
		if !measuring.Load() {
			return
		}
		if err != nil {
			w.errors++
			return
		}
		w.ops += ops
		w.latencies = append(w.latencies, time.Since(start))
	}
	stopped := func() bool {
		select {
		case <-stop:
			return true
		default:
			return false
		}
	}
	switch scenario {
	case "unary":
		for !stopped() {
			start := time.Now()
			_, err := client.Unary(ctx, request)
			record(start, 1, err)
		}
	case "pingpong":
		stream, err := client.Bidi(ctx)
		if err != nil {
			log.Fatalf("bidi: %v", err)
		}
		for !stopped() {
			start := time.Now()
			if err := stream.Send(request); err != nil {
				log.Fatalf("bidi send: %v", err)
			}
			_, err := stream.Recv()
			record(start, 1, err)
			if err != nil {
				log.Fatalf("bidi recv: %v", err)
			}
		}
		_ = stream.CloseSend()
		for {
			if _, err := stream.Recv(); err != nil {
				if err != io.EOF {
					log.Printf("bidi close: %v", err)
				}
				return
			}
		}
	case "serverstream":
		for !stopped() {
			start := time.Now()
			stream, err := client.ServerStream(ctx, request)
			var n int64
			for err == nil {
				if _, err = stream.Recv(); err == nil {
					n++
				}
			}
			if err == io.EOF {
				err = nil
			}
			record(start, n, err)
		}
	default:
		log.Fatalf("unknown scenario %q", scenario)
	}
}
