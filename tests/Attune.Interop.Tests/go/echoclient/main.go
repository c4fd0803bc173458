// Command echoclient is a grpc-go CLIENT of attune.testing.v1.EchoService and grpc.health.v1: one scenario per run.
//
// It is the Go twin of ../../python/echo_client.py: the same scenario names, the same --arg JSON and the same JSON
// lines on stdout, so the C# interop tests assert on what a grpc-go client actually saw. Failures of the call under
// test are results ({"code": "DEADLINE_EXCEEDED", "details": ...}), not crashes.
//
// Built at test time (never committed) with Debian's Go packages, in GOPATH mode:
//
//	protoc -Iprotos --go_out=$GOPATH/src --go-grpc_out=$GOPATH/src attune/testing/v1/echo.proto
//	GOPATH=$GOPATH:/usr/share/gocode GO111MODULE=off go build -o echoclient main.go
//
// Usage: echoclient --target HOST:PORT --scenario NAME [--arg JSON] [--api-key KEY]
package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	testingv1 "attune/testing/v1"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// codeNames are the canonical status names, as python's grpc.StatusCode and grpc-js print them.
var codeNames = map[codes.Code]string{
	codes.OK: "OK", codes.Canceled: "CANCELLED", codes.Unknown: "UNKNOWN", codes.InvalidArgument: "INVALID_ARGUMENT",
	codes.DeadlineExceeded: "DEADLINE_EXCEEDED", codes.NotFound: "NOT_FOUND", codes.AlreadyExists: "ALREADY_EXISTS",
	codes.PermissionDenied: "PERMISSION_DENIED", codes.ResourceExhausted: "RESOURCE_EXHAUSTED",
	codes.FailedPrecondition: "FAILED_PRECONDITION", codes.Aborted: "ABORTED", codes.OutOfRange: "OUT_OF_RANGE",
	codes.Unimplemented: "UNIMPLEMENTED", codes.Internal: "INTERNAL", codes.Unavailable: "UNAVAILABLE",
	codes.DataLoss: "DATA_LOSS", codes.Unauthenticated: "UNAUTHENTICATED",
}

type obj = map[string]interface{}

func emit(v obj) {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(os.Stderr, "encode:", err)
		os.Exit(2)
	}
}

func codeName(c codes.Code) string {
	if name, ok := codeNames[c]; ok {
		return name
	}
	return fmt.Sprintf("CODE_%d", int(c))
}

func errorResult(err error) obj {
	s, _ := status.FromError(err)
	return obj{"code": codeName(s.Code()), "details": s.Message()}
}

// metadataList is metadata as [key, value] pairs; binary (-bin) values as hex.
func metadataList(md metadata.MD) [][]string {
	pairs := [][]string{}
	for k, values := range md {
		for _, v := range values {
			if strings.HasSuffix(k, "-bin") {
				v = hex.EncodeToString([]byte(v))
			}
			pairs = append(pairs, []string{k, v})
		}
	}
	return pairs
}

func replyDict(r *testingv1.EchoReply) obj {
	head := r.Payload
	if len(head) > 64 {
		head = head[:64]
	}
	return obj{"message": r.Message, "payload_len": len(r.Payload), "payload_hex": hex.EncodeToString(head), "index": r.Index}
}

type args map[string]interface{}

func (a args) str(key, fallback string) string {
	if v, ok := a[key].(string); ok {
		return v
	}
	return fallback
}

func (a args) num(key string, fallback float64) float64 {
	if v, ok := a[key].(float64); ok {
		return v
	}
	return fallback
}

func (a args) integer(key string, fallback int) int { return int(a.num(key, float64(fallback))) }

func (a args) has(key string) bool { _, ok := a[key]; return ok }

func (a args) strings(key string) []string {
	list, _ := a[key].([]interface{})
	out := make([]string, 0, len(list))
	for _, item := range list {
		out = append(out, item.(string))
	}
	return out
}

func (a args) bytes(key string) []byte {
	b, err := hex.DecodeString(a.str(key, ""))
	if err != nil {
		fatal(fmt.Errorf("%s: %w", key, err))
	}
	return b
}

type scenarios struct {
	conn *grpc.ClientConn
	stub testingv1.EchoServiceClient
	arg  args
	base context.Context
}

// ctx is the call's context: the base (with the API key, if any) and the scenario's timeout in seconds, if any.
func (s *scenarios) ctx() (context.Context, context.CancelFunc) {
	if s.arg.has("timeout") {
		return context.WithTimeout(s.base, time.Duration(s.arg.num("timeout", 0)*float64(time.Second)))
	}
	return context.WithCancel(s.base)
}

func (s *scenarios) unary() obj {
	a := s.arg
	payload := []byte(strings.Repeat(string(a.bytes("payload_hex")), a.integer("payload_repeat", 1)))
	request := &testingv1.EchoRequest{
		Message: a.str("message", ""), Payload: payload, DelayMs: int32(a.integer("delay_ms", 0)),
		FailCode: int32(a.integer("fail_code", 0)), FailMessage: a.str("fail_message", ""), EchoMetadata: a.strings("echo_metadata"),
	}
	ctx, cancel := s.ctx()
	defer cancel()
	if list, ok := a["metadata"].([]interface{}); ok {
		for _, item := range list {
			pair := item.([]interface{})
			key, value := pair[0].(string), pair[1].(string)
			if strings.HasSuffix(key, "-bin") {
				raw, err := hex.DecodeString(value)
				if err != nil {
					fatal(err)
				}
				value = string(raw) // grpc-go base64-encodes -bin values on the wire
			}
			ctx = metadata.AppendToOutgoingContext(ctx, key, value)
		}
	}
	var headers, trailers metadata.MD
	reply, err := s.stub.Unary(ctx, request, grpc.Header(&headers), grpc.Trailer(&trailers))
	var result obj
	if err != nil {
		result = errorResult(err)
	} else {
		result = replyDict(reply)
		result["code"] = "OK"
	}
	result["headers"] = metadataList(headers)
	result["trailers"] = metadataList(trailers)
	return result
}

func (s *scenarios) serverStream() obj {
	a := s.arg
	ctx, cancel := s.ctx()
	defer cancel()
	replies := []obj{}
	stream, err := s.stub.ServerStream(ctx, &testingv1.EchoRequest{
		Message: a.str("message", ""), Repeat: int32(a.integer("repeat", 0)), DelayMs: int32(a.integer("delay_ms", 0)),
		FailCode: int32(a.integer("fail_code", 0)), FailMessage: a.str("fail_message", ""),
		Payload: []byte(strings.Repeat(string(a.bytes("payload_hex")), a.integer("payload_repeat", 1))),
	})
	if err != nil {
		return withReplies(errorResult(err), replies)
	}
	for {
		reply, err := stream.Recv()
		if err == io.EOF {
			return obj{"code": "OK", "replies": replies}
		}
		if err != nil {
			return withReplies(errorResult(err), replies)
		}
		replies = append(replies, replyDict(reply))
	}
}

func withReplies(result obj, replies []obj) obj {
	result["replies"] = replies
	return result
}

func (s *scenarios) clientStream() obj {
	ctx, cancel := s.ctx()
	defer cancel()
	stream, err := s.stub.ClientStream(ctx)
	if err != nil {
		return errorResult(err)
	}
	for i, m := range s.arg.strings("messages") {
		if err := stream.Send(&testingv1.EchoRequest{Message: m, Payload: []byte{byte(i)}}); err != nil {
			break // the status comes with CloseAndRecv
		}
	}
	reply, err := stream.CloseAndRecv()
	if err != nil {
		return errorResult(err)
	}
	result := replyDict(reply)
	result["code"] = "OK"
	return result
}

// bidi is ping-pong: each request is sent only after the previous reply arrived, proving replies stream as they go.
func (s *scenarios) bidi() obj {
	a := s.arg
	ctx, cancel := s.ctx()
	defer cancel()
	replies := []obj{}
	stream, err := s.stub.Bidi(ctx)
	if err != nil {
		return withReplies(errorResult(err), replies)
	}
	failAt := a.integer("fail_at", -1)
	for i, m := range a.strings("messages") {
		request := &testingv1.EchoRequest{Message: m, FailMessage: a.str("fail_message", "")}
		if i == failAt {
			request.FailCode = int32(a.integer("fail_code", 0))
		}
		if err := stream.Send(request); err != nil {
			break // the stream ended; Recv reports its status
		}
		reply, err := stream.Recv()
		if err != nil {
			return withReplies(errorResult(err), replies)
		}
		replies = append(replies, replyDict(reply))
	}
	if err := stream.CloseSend(); err != nil {
		return withReplies(errorResult(err), replies)
	}
	for {
		reply, err := stream.Recv()
		if err == io.EOF {
			return obj{"code": "OK", "replies": replies}
		}
		if err != nil {
			return withReplies(errorResult(err), replies)
		}
		replies = append(replies, replyDict(reply))
	}
}

// cancelServerStream reads `after` replies of a long, slow server stream, then cancels the call.
func (s *scenarios) cancelServerStream() obj {
	a := s.arg
	ctx, cancel := context.WithCancel(s.base)
	defer cancel()
	stream, err := s.stub.ServerStream(ctx, &testingv1.EchoRequest{
		Message: "slow", Repeat: int32(a.integer("repeat", 1000)), Payload: make([]byte, a.integer("payload_bytes", 0)),
		DelayMs: int32(a.integer("delay_ms", 0)),
	})
	if err != nil {
		return errorResult(err)
	}
	received, after, cancelled := 0, a.integer("after", 2), false
	for {
		_, err := stream.Recv()
		if err == io.EOF {
			return obj{"code": "OK", "received": received}
		}
		if err != nil {
			result := errorResult(err)
			result["received"] = received
			return result
		}
		if cancelled {
			continue // buffered before the cancel: not counted, as python's iterator stops at once
		}
		received++
		if received == after {
			cancel()
			cancelled = true
		}
	}
}

// cancelBidi sends one message, reads its echo, then cancels while the server waits for the next message.
func (s *scenarios) cancelBidi() obj {
	ctx, cancel := context.WithCancel(s.base)
	defer cancel()
	stream, err := s.stub.Bidi(ctx)
	if err != nil {
		return errorResult(err)
	}
	if err := stream.Send(&testingv1.EchoRequest{Message: s.arg.str("message", "first")}); err != nil {
		return errorResult(err)
	}
	received := 0
	for {
		_, err := stream.Recv()
		if err == io.EOF {
			return obj{"code": "OK", "received": received}
		}
		if err != nil {
			result := errorResult(err)
			result["received"] = received
			return result
		}
		received++
		cancel() // the request stream is still open: the server is waiting, not finishing
	}
}

func (s *scenarios) healthCheck() obj {
	ctx, cancel := context.WithTimeout(s.base, 5*time.Second)
	defer cancel()
	reply, err := healthpb.NewHealthClient(s.conn).Check(ctx, &healthpb.HealthCheckRequest{Service: s.arg.str("service", "")})
	if err != nil {
		return errorResult(err)
	}
	return obj{"code": "OK", "status": reply.Status.String()}
}

// healthWatch emits one line per status update, up to `updates`, then cancels the watch.
func (s *scenarios) healthWatch() obj {
	ctx, cancel := context.WithTimeout(s.base, time.Duration(s.arg.num("timeout", 20)*float64(time.Second)))
	defer cancel()
	stream, err := healthpb.NewHealthClient(s.conn).Watch(ctx, &healthpb.HealthCheckRequest{Service: s.arg.str("service", "")})
	if err != nil {
		return errorResult(err)
	}
	seen, updates := 0, s.arg.integer("updates", 1)
	for {
		reply, err := stream.Recv()
		if err == io.EOF {
			return obj{"code": "OK", "ended": true}
		}
		if err != nil {
			return errorResult(err)
		}
		emit(obj{"code": "OK", "status": reply.Status.String()})
		seen++
		if seen == updates {
			return nil
		}
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "echoclient:", err)
	os.Exit(2)
}

func main() {
	target := flag.String("target", "", "host:port")
	scenario := flag.String("scenario", "", "scenario name")
	argJSON := flag.String("arg", "{}", "scenario arguments (JSON)")
	apiKey := flag.String("api-key", "", "send x-api-key: KEY with every call")
	flag.Parse()

	a := args{}
	if err := json.Unmarshal([]byte(*argJSON), &a); err != nil {
		fatal(fmt.Errorf("--arg: %w", err))
	}
	options := []grpc.DialOption{grpc.WithInsecure()}
	if a.has("max_receive") {
		options = append(options, grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(a.integer("max_receive", 0))))
	}
	// Connected before the scenario starts, so a call's deadline measures the call, not the connection.
	dialCtx, dialCancel := context.WithTimeout(context.Background(), 20*time.Second)
	conn, err := grpc.DialContext(dialCtx, *target, append(options, grpc.WithBlock())...)
	dialCancel()
	if err != nil {
		fatal(err)
	}
	defer conn.Close()
	base := context.Background()
	if *apiKey != "" {
		base = metadata.AppendToOutgoingContext(base, "x-api-key", *apiKey)
	}
	s := &scenarios{conn: conn, stub: testingv1.NewEchoServiceClient(conn), arg: a, base: base}
	run := map[string]func() obj{
		"unary": s.unary, "server_stream": s.serverStream, "client_stream": s.clientStream, "bidi": s.bidi,
		"cancel_server_stream": s.cancelServerStream, "cancel_bidi": s.cancelBidi,
		"health_check": s.healthCheck, "health_watch": s.healthWatch,
	}[*scenario]
	if run == nil {
		fatal(fmt.Errorf("unknown scenario %q", *scenario))
	}
	if result := run(); result != nil {
		emit(result)
	}
}
