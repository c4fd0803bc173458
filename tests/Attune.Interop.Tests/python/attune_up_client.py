"""A python grpcio client of a running `attune up`, using stubs generated from protos/attune/v1 (no Attune code).

It does what an ML platform team's client would: checks health, then onboards a new user who prefers formal answers by
answering the adapter's active questions, and scores a formal and a casual response before and after. Prints one JSON
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
        formal_answer = ("Dear reader,\n\nThank you for your question. Feed the starter equal weights of flour and water "
                         "every day. Furthermore, keep it somewhere warm. Moreover, discard half before each feeding."
                         "\n\nKind regards.")
        casual_answer = ("Hey there, just feed it flour and water every day, keep it warm and toss half before feeding. "
                         "Pretty chill stuff, tbh. Later.")
        # How a person who likes formal wording tells the demo's answers apart (and any others'): register markers.
        formal_markers = ("Dear reader", "Kind regards", "Furthermore", "Moreover", "In addition", "Thank you",
                          "I recommend", "It is advisable", "You should", "I wish you", "I am confident", "delighted")
        casual_markers = ("Hey", "Yo,", "Okay, so", "tbh", "btw", "Later.", "chill", "No biggie", "Just ", "wanna",
                          "Try to", "Also,", "Oh, and", "Plus,", "Ooh", "Right,", "honestly", "Trust me", "You've", "Have fun")

        def formality(text):
            return sum(text.count(m) for m in formal_markers) - sum(text.count(m) for m in casual_markers)

        def score():
            reply = adapter.Score(apb.ScoreRequest(user_id=options.user, prompt=prompt,
                                                   responses=[formal_answer, casual_answer]), timeout=10)
            return {"formal": reply.scores[0].reward, "casual": reply.scores[1].reward,
                    "formal_std_dev": reply.scores[0].std_dev, "model_version": reply.model_version}

        out["profile_before"] = {"cold_start": adapter.GetProfile(apb.GetProfileRequest(user_id=options.user),
                                                                  timeout=10).profile.cold_start}
        out["score_before"] = score()
        answers = []
        for i in range(options.answers):
            query = adapter.NextQuery(apb.NextQueryRequest(user_id=options.user), timeout=10)
            pair = query.pair
            a, b = formality(pair.response_a), formality(pair.response_b)
            preference = 1.0 if a > b else 0.0 if a < b else 0.5
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
