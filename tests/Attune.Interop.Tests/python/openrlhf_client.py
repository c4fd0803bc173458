"""OpenRLHF's remote reward model client, reproduced, against Attune's gateway.

The request code follows OpenRLHF's openrlhf/utils/remote_rm_utils.py (v0.9, remote_rm_fn_ray and request_api_wrapper,
read from its source, not copied): one requests.post of {"query", "prompts", "labels"} as JSON with a Content-Type
header and a 180 s timeout, raise_for_status, .json() of the reply, up to 5 tries one second apart on a request error.
OpenRLHF sends no credentials; the only addition here is the gateway's x-api-key header. OpenRLHF's query is the
decoded prompt + response, and its label the dataset's label column: here the user whose reward is served.

A batch of 64 (16 prompts x a formal and a casual answer x two users) goes in one request; then vLLM's /v1/score
with the same pairs, and the error answers a trainer's client meets. Prints one JSON line.
"""
import argparse
import json
import time

import requests

PROMPTS = [
    "How do I keep a sourdough starter alive?", "How should I water a cactus?", "How do I clean a cast iron pan?",
    "What is a good way to learn to juggle?", "How do I keep basil growing indoors?", "How can I sleep better?",
    "How do I start running?", "How should I store coffee beans?", "How do I fix a squeaky door?",
    "How do I pick a ripe avocado?", "How can I keep my desk tidy?", "How do I season a wok?",
    "How do I repot a houseplant?", "How can I learn a few chess openings?", "How do I brew green tea?",
    "How do I look after a bicycle chain?",
]


def formal(prompt):
    return ("Dear reader,\n\nThank you for your question about " + prompt.lower().rstrip("?") + ". Begin with the simplest "
            "approach and follow it every day. Furthermore, keep a short record of what you did. Moreover, change one "
            "thing at a time.\n\nKind regards.")


def casual(prompt):
    return ("Hey there, for " + prompt.lower().rstrip("?") + " just start simple and do it every day, keep notes and "
            "change one thing at a time. Pretty chill stuff, tbh. Later.")


def request_api_wrapper(url, data, api_key, try_max_times=5):
    """OpenRLHF's synchronous wrapper: retries request errors (an HTTP error status included), then gives up."""
    headers = {"Content-Type": "application/json", "x-api-key": api_key}
    for _ in range(try_max_times):
        try:
            response = requests.post(url=url, json=data, headers=headers, timeout=180)
            response.raise_for_status()
            return response.json()
        except requests.RequestException:
            time.sleep(1)
    raise Exception(f"Request error for {try_max_times} times. Please check the API server.")


def post_once(url, data, headers):
    """One request, no retry: the status and body a client sees for a bad request."""
    response = requests.post(url=url, json=data, headers=headers, timeout=60)
    try:
        body = response.json()
    except ValueError:
        body = response.text
    return {"status": response.status_code, "body": body, "retry_after": response.headers.get("retry-after")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--web", required=True, help="the gateway's web address, http://host:port")
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--formal-user", required=True)
    parser.add_argument("--casual-user", required=True)
    args = parser.parse_args()
    web = args.web.rstrip("/")
    out = {}

    queries, prompts, labels, kinds = [], [], [], []
    for user in (args.formal_user, args.casual_user):
        for prompt in PROMPTS:
            for kind, answer in (("formal", formal(prompt)), ("casual", casual(prompt))):
                queries.append(prompt + answer)
                prompts.append(prompt)
                labels.append(user)
                kinds.append(kind)
    out["batch_size"] = len(queries)
    reply = request_api_wrapper(web + "/get_reward", {"query": queries, "prompts": prompts, "labels": labels}, args.api_key)
    out["get_reward"] = {"rewards": reply["rewards"], "scores": reply["scores"], "extra_logs": reply["extra_logs"],
                         "model_version": reply["model_version"], "labels": labels, "kinds": kinds}

    # The same pairs through vLLM's score API: one prompt (text_1) with both answers (text_2); the user by field and header.
    scores = {}
    for user, by_header in ((args.formal_user, False), (args.casual_user, True)):
        rows = []
        for prompt in PROMPTS:
            body = {"model": "attune", "text_1": prompt, "text_2": [formal(prompt), casual(prompt)]}
            headers = {"Content-Type": "application/json", "x-api-key": args.api_key}
            if by_header:
                headers["x-attune-user"] = user
            else:
                body["user"] = user
            response = requests.post(web + "/v1/score", json=body, headers=headers, timeout=60)
            response.raise_for_status()
            data = response.json()
            rows.append({"object": data["object"], "data": data["data"], "model_version": data["model_version"]})
        scores[user] = rows
    out["score"] = scores

    keyed = {"Content-Type": "application/json", "x-api-key": args.api_key}
    one = {"query": [queries[0]], "prompts": [prompts[0]]}
    out["cluster"] = post_once(web + "/get_reward", dict(one, labels=["cluster:1"]), keyed)
    out["unknown_cluster"] = post_once(web + "/get_reward", dict(one, labels=["cluster:999"]), keyed)
    out["unknown_user"] = post_once(web + "/get_reward", dict(one, labels=["never-seen-user"]), keyed)
    out["no_labels_no_header"] = post_once(web + "/get_reward", one, keyed)
    out["empty_labels_header"] = post_once(web + "/get_reward", dict(one, labels=[""]), dict(keyed, **{"x-attune-user": args.formal_user}))
    out["prompts_mismatch"] = post_once(web + "/get_reward", {"query": queries[:2], "prompts": prompts[:1], "labels": labels[:2]}, keyed)
    out["query_without_prompt"] = post_once(web + "/get_reward", {"query": [formal(PROMPTS[0])], "prompts": [PROMPTS[1]], "labels": [labels[0]]}, keyed)
    out["no_key"] = post_once(web + "/get_reward", dict(one, labels=[labels[0]]), {"Content-Type": "application/json"})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
