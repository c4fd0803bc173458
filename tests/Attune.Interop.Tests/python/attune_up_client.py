"""A python grpcio client of a running `attune up`, using stubs generated from protos/attune/v1 (no Attune code).

It does what an ML platform team's client would: checks health, then onboards a new user who prefers long answers by
answering the adapter's active questions, and scores a long and a short response before and after. Prints one JSON
object with everything it saw.

Usage: attune_up_client.py --gen STUBS_DIR --adapter HOST:PORT --user USER [--answers N]
"""
import argparse
import json
import sys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gen", required=True)
    parser.add_argument("--adapter", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--answers", type=int, default=8)
    options = parser.parse_args()
    sys.path.insert(0, options.gen)

    import grpc
    from attune.v1 import adapter_pb2 as apb, adapter_pb2_grpc as agrpc
    from grpc_protos.health.v1 import health_pb2 as hpb, health_pb2_grpc as hgrpc

    out = {}
    with grpc.insecure_channel(options.adapter) as channel:
        health = hgrpc.HealthStub(channel).Check(hpb.HealthCheckRequest(service=""), timeout=10)
        out["health"] = hpb.HealthCheckResponse.ServingStatus.Name(health.status)
        adapter = agrpc.AdapterServiceStub(channel)

        prompt = "How do I keep a sourdough starter alive?"
        long_answer = ("First, feed it equal weights of flour and water every day. Next, keep it somewhere warm, "
                       "around 24 degrees. After that, discard half before each feeding so it stays lively. "
                       "Finally, watch for bubbles and a pleasant sour smell: that is how you know it is healthy.")
        short_answer = "Feed it daily."

        def score():
            reply = adapter.Score(apb.ScoreRequest(user_id=options.user, prompt=prompt,
                                                   responses=[long_answer, short_answer]), timeout=10)
            return {"long": reply.scores[0].reward, "short": reply.scores[1].reward,
                    "long_std_dev": reply.scores[0].std_dev, "model_version": reply.model_version}

        out["profile_before"] = {"cold_start": adapter.GetProfile(apb.GetProfileRequest(user_id=options.user),
                                                                  timeout=10).profile.cold_start}
        out["score_before"] = score()
        answers = []
        for i in range(options.answers):
            query = adapter.NextQuery(apb.NextQueryRequest(user_id=options.user), timeout=10)
            pair = query.pair
            preference = 1.0 if len(pair.response_a) > len(pair.response_b) else 0.0
            reply = adapter.SubmitAnswer(apb.SubmitAnswerRequest(user_id=options.user, pair=pair, preference=preference,
                                                                 client_id=f"{options.user}-{i}"), timeout=10)
            answers.append({"score": query.score, "answers": reply.profile.answers, "comparison_id": reply.comparison_id,
                            "pair": [pair.prompt, pair.response_a, pair.response_b]})
        out["answers"] = answers
        out["profile_after"] = {"answers": answers[-1]["answers"] if answers else 0}
        out["score_after"] = score()
        try:
            adapter.SubmitAnswer(apb.SubmitAnswerRequest(user_id="", preference=0.5), timeout=10)
            out["bad_request"] = "OK"
        except grpc.RpcError as error:
            out["bad_request"] = error.code().name
            out["bad_request_details"] = error.details()
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
