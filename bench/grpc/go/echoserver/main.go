// Command echoserver serves attune.testing.v1.EchoService with grpc-go: the reference peer that the Attune EchoServer
// (tests/Attune.EchoServer) is benchmarked against. It does the same work per call, with the same semantics: echo the
// message and payload; delay_ms once before replying; fail_code/fail_message (unary: instead of the reply; streams: after
// the replies sent); repeat; echo_metadata into response headers and trailers.
//
// With -stats it also answers, on a plain TCP port, one JSON line of runtime.MemStats counters per connection, so that
// the load driver can compute server allocations per call without instrumenting the gRPC port.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"runtime"
	"strings"
	"time"

	testingv1 "attune/testing/v1"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	_ "google.golang.org/grpc/encoding/gzip" // lets clients send gzip-compressed requests, as the Attune server does
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

type echoServer struct {
	testingv1.UnimplementedEchoServiceServer
}

func (echoServer) Unary(ctx context.Context, req *testingv1.EchoRequest) (*testingv1.EchoReply, error) {
	if err := echoMetadata(ctx, req, grpc.SetHeader); err != nil {
		return nil, err
	}
	if err := echoMetadata(ctx, req, grpc.SetTrailer); err != nil {
		return nil, err
	}
	if err := sleep(ctx, req.DelayMs); err != nil {
		return nil, err
	}
	if req.FailCode != 0 {
		return nil, status.Error(codes.Code(req.FailCode), req.FailMessage)
	}
	return &testingv1.EchoReply{Message: req.Message, Payload: req.Payload}, nil
}

func (echoServer) ServerStream(req *testingv1.EchoRequest, stream testingv1.EchoService_ServerStreamServer) error {
	ctx := stream.Context()
	if err := echoMetadata(ctx, req, func(ctx context.Context, md metadata.MD) error { return stream.SetHeader(md) }); err != nil {
		return err
	}
	if err := echoMetadata(ctx, req, func(ctx context.Context, md metadata.MD) error { stream.SetTrailer(md); return nil }); err != nil {
		return err
	}
	if err := sleep(ctx, req.DelayMs); err != nil {
		return err
	}
	n := int(req.Repeat)
	if n <= 0 {
		n = 1
	}
	for i := 0; i < n; i++ {
		if err := stream.Send(&testingv1.EchoReply{Message: req.Message, Payload: req.Payload, Index: int32(i)}); err != nil {
			return err
		}
	}
	if req.FailCode != 0 {
		return status.Error(codes.Code(req.FailCode), req.FailMessage)
	}
	return nil
}

// ClientStream concatenates messages and payloads; index is the message count; the last message's delay and failure apply.
func (echoServer) ClientStream(stream testingv1.EchoService_ClientStreamServer) error {
	var message strings.Builder
	var payload []byte
	var last *testingv1.EchoRequest
	count := int32(0)
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		message.WriteString(req.Message)
		payload = append(payload, req.Payload...)
		last = req
		count++
	}
	if last != nil {
		if err := sleep(stream.Context(), last.DelayMs); err != nil {
			return err
		}
		if last.FailCode != 0 {
			return status.Error(codes.Code(last.FailCode), last.FailMessage)
		}
	}
	return stream.SendAndClose(&testingv1.EchoReply{Message: message.String(), Payload: payload, Index: count})
}

func (echoServer) Bidi(stream testingv1.EchoService_BidiServer) error {
	for i := int32(0); ; i++ {
		req, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := sleep(stream.Context(), req.DelayMs); err != nil {
			return err
		}
		if req.FailCode != 0 {
			return status.Error(codes.Code(req.FailCode), req.FailMessage)
		}
		if err := stream.Send(&testingv1.EchoReply{Message: req.Message, Payload: req.Payload, Index: i}); err != nil {
			return err
		}
	}
}

// sleep waits delay_ms, or fails with the context's status when the call is cancelled or its deadline passes.
func sleep(ctx context.Context, delayMs int32) error {
	if delayMs <= 0 {
		return nil
	}
	timer := time.NewTimer(time.Duration(delayMs) * time.Millisecond)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return status.FromContextError(ctx.Err()).Err()
	}
}

// echoMetadata copies the request metadata named in echo_metadata into the response headers or trailers via set.
func echoMetadata(ctx context.Context, req *testingv1.EchoRequest, set func(context.Context, metadata.MD) error) error {
	if len(req.EchoMetadata) == 0 {
		return nil
	}
	in, _ := metadata.FromIncomingContext(ctx)
	out := metadata.MD{}
	for _, key := range req.EchoMetadata {
		if values := in.Get(key); len(values) > 0 {
			out.Append(key, values...)
		}
	}
	return set(ctx, out)
}

// serveStats answers every connection with one JSON line of allocation counters and closes it.
func serveStats(addr string) {
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatalf("stats listen %s: %v", addr, err)
	}
	for {
		conn, err := listener.Accept()
		if err != nil {
			log.Printf("stats accept: %v", err)
			continue
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		_ = json.NewEncoder(conn).Encode(map[string]uint64{
			"alloc_bytes":   m.TotalAlloc,
			"alloc_objects": m.Mallocs,
			"gc_count":      uint64(m.NumGC),
		})
		conn.Close()
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1:50051", "gRPC listen address (h2c)")
	statsAddr := flag.String("stats", "", "optional TCP address answering one JSON line of runtime.MemStats counters")
	flag.Parse()

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("listen %s: %v", *addr, err)
	}
	if *statsAddr != "" {
		go serveStats(*statsAddr)
	}
	server := grpc.NewServer()
	testingv1.RegisterEchoServiceServer(server, echoServer{})
	fmt.Fprintf(os.Stdout, "listening on %s\n", listener.Addr())
	if err := server.Serve(listener); err != nil {
		log.Fatalf("serve: %v", err)
	}
}
