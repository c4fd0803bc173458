// The onboarding page: pick a user name, answer the pairs the model is least sure about, watch the profile move, then
// compare a personalized answer with the non-personalized one. Talks to the JSON routes the gateway forwards to the
// services (/v1/..., gRPC JSON transcoding of the google.api.http rules in protos/attune/v1): bodies and replies in the
// proto3 JSON mapping (lowerCamelCase names, int64 as strings, enums by name, fields at their default may be absent),
// errors as google.rpc.Status ({"code": 9, "message": "...", "details": []}).
"use strict";

const ENOUGH_ANSWERS = 10;
// Candidates the generator scores per question (best-of-n).
const CANDIDATES = 16;
const KEY_STORAGE = "attune-api-key";
const state = { user: "", pair: null, answers: 0, busy: false, model: null, stopped: false, finishedShown: false };
const REQUEST_TIMEOUT_MS = 30000;
// gRPC status codes the page tells apart (google.rpc.Code).
const Code = { FAILED_PRECONDITION: 9, UNAUTHENTICATED: 16, UNAVAILABLE: 14 };
const $ = (id) => document.getElementById(id);

// A key in the URL fragment (#key=...), as `attune up` prints it, is kept for this tab and removed from the address bar;
// a fragment is never sent to a server.
function takeKeyFromFragment() {
  const match = /(?:^#|&)key=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(KEY_STORAGE, decodeURIComponent(match[1]));
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(KEY_STORAGE);
}

function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) || $("api-key").value.trim();
}

async function api(method, path, body) {
  // A request that hangs is abandoned after REQUEST_TIMEOUT_MS, so the page never waits forever.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { "x-api-key": apiKey(), "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: abort.signal,
    });
  } catch (cause) {
    const error = new Error(cause.name === "AbortError" ? "the server did not answer in time" : "the server cannot be reached");
    error.status = 0;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  let data = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { message: text };
  }
  if (!response.ok) {
    const error = new Error(data.message || `HTTP ${response.status}`);
    error.status = response.status;
    error.code = data.code;
    if (response.status === 401 || data.code === Code.UNAUTHENTICATED) {
      keyRefused();
    }
    throw error;
  }
  return data;
}

// A refused key stops the flow: nothing else is asked with it, the key field comes back, and the user can start again.
function keyRefused() {
  state.stopped = true;
  state.pair = null;
  sessionStorage.removeItem(KEY_STORAGE);
  $("key-field").hidden = false;
  $("key-given").hidden = true;
  $("api-key").value = "";
  for (const id of ["question", "profile", "ask", "learned"]) {
    $(id).hidden = true;
  }
  say("");
  fail("That API key was refused. Enter a valid key and press Start again.");
  setBusy(false);
  $("api-key").focus();
}

function say(text) {
  $("status").textContent = text;
}

function fail(text) {
  $("error").textContent = text;
}

function userPath(suffix) {
  return `/v1/users/${encodeURIComponent(state.user)}/${suffix}`;
}

function setBusy(busy) {
  state.busy = busy;
  for (const id of ["choose-a", "choose-b", "choose-none"]) {
    $(id).disabled = busy || !state.pair;
  }
}

// The model's base functions in words (GetModel), fetched once per model version.
async function loadModel(version) {
  if (!version || (state.model && state.model.version === version)) {
    return;
  }
  try {
    const reply = await api("GET", `/v1/models/${version}`);
    state.model = {
      version,
      functions: (reply.baseFunctions ?? []).map((f) => ({
        name: f.name ?? "",
        positive: f.positive ?? [],
        negative: f.negative ?? [],
        high: f.highExample ?? "",
        low: f.lowExample ?? "",
      })),
      clusters: (reply.clusters ?? []).length,
    };
  } catch {
    state.model = { version, functions: [], clusters: 0 };
  }
}

function side(terms) {
  return terms.length ? terms.slice(0, 2).join(", ") : "?";
}

function functionName(i) {
  const f = state.model?.functions?.[i];
  return f && f.name ? f : null;
}

function renderProfile(profile) {
  const mean = (profile.weights?.mean ?? []).map(Number);
  const covariance = (profile.weights?.covariance ?? []).map(Number);
  const k = mean.length;
  const sd = mean.map((_, i) => Math.sqrt(Math.max(0, covariance[i * k + i] ?? 0)));
  const scale = Math.max(1, ...mean.map((m, i) => Math.abs(m) + sd[i]));
  const percent = (v) => 50 + (50 * v) / scale;
  const bars = $("bars");
  bars.replaceChildren();
  const meanings = $("meanings");
  meanings.replaceChildren();
  mean.forEach((m, i) => {
    const named = functionName(i);
    const row = document.createElement("li");
    row.className = "bar-row";
    row.dataset.weight = m.toFixed(4);
    row.dataset.sd = sd[i].toFixed(4);
    row.dataset.name = named ? named.name : "";
    const title = document.createElement("span");
    title.className = "bar-title";
    title.textContent = `Function ${i + 1}`;
    const low = document.createElement("span");
    low.className = "bar-pole low";
    low.textContent = named ? side(named.negative) : "";
    const high = document.createElement("span");
    high.className = "bar-pole high";
    high.textContent = named ? side(named.positive) : "";
    const track = document.createElement("span");
    track.className = "bar-track";
    track.setAttribute("aria-hidden", "true");
    const band = document.createElement("span");
    band.className = "bar-band";
    band.style.left = `${percent(m - sd[i])}%`;
    band.style.width = `${percent(m + sd[i]) - percent(m - sd[i])}%`;
    const fill = document.createElement("span");
    fill.className = m < 0 ? "bar-fill negative" : "bar-fill";
    fill.style.left = `${Math.min(50, percent(m))}%`;
    fill.style.width = `${Math.abs(percent(m) - 50)}%`;
    const axis = document.createElement("span");
    axis.className = "bar-axis";
    track.append(band, fill, axis);
    const value = document.createElement("span");
    value.className = "bar-value";
    value.textContent = `${m.toFixed(2)} ± ${sd[i].toFixed(2)}`;
    const spoken = named ? `Function ${i + 1}, ${side(named.negative)} versus ${side(named.positive)}` : `Function ${i + 1}`;
    row.setAttribute("aria-label", `${spoken}: weight ${m.toFixed(2)}, plus or minus ${sd[i].toFixed(2)}`);
    row.append(title, low, track, high, value);
    bars.append(row);
    if (named) {
      const item = document.createElement("li");
      item.textContent = `Function ${i + 1} (${named.name}): highest, "${named.high}"; lowest, "${named.low}"`;
      meanings.append(item);
    }
  });
  $("meanings-box").hidden = meanings.childElementCount === 0;
  state.answers = Number(profile.answers ?? 0);
  // No group before the first answer: a profile with no answers is the population prior, close to every group.
  const cluster = profile.cluster;
  if (state.answers === 0 || profile.coldStart) {
    $("cluster").textContent = "Answer a question to see which group of users you are closest to.";
  } else if (cluster && k > 0 && (state.model?.clusters ?? 0) > 0) {
    $("cluster").textContent =
      `Closest group of users: group ${Number(cluster.cluster ?? 0) + 1} of ${state.model.clusters} (similarity ${Number(cluster.similarity ?? 0).toFixed(2)})`;
  } else {
    $("cluster").textContent = "This model has no groups of users.";
  }
  // int64 arrives as a string in the proto3 JSON mapping.
  $("model-version").textContent = `Scored with model version ${Number(profile.modelVersion ?? 0)}, the one in force.`;
  $("answer-count").textContent = String(state.answers);
  $("profile").hidden = false;
  updateAsk();
  renderLearned(mean, sd);
}

// What the answers taught, in words: the functions the user leans on clearly (|weight| above its uncertainty), strongest first.
function renderLearned(mean, sd) {
  if (state.answers < ENOUGH_ANSWERS) {
    $("learned").hidden = true;
    return;
  }
  const clear = mean
    .map((m, i) => ({ m, i, strength: Math.abs(m) / Math.max(sd[i], 1e-6) }))
    .filter((f) => Math.abs(f.m) > sd[f.i] && functionName(f.i))
    .sort((a, b) => b.strength - a.strength)
    .slice(0, 3);
  const list = $("learned-list");
  list.replaceChildren();
  for (const f of clear) {
    const named = functionName(f.i);
    const [liked, over] = f.m > 0 ? [named.positive, named.negative] : [named.negative, named.positive];
    const item = document.createElement("li");
    item.textContent = `You prefer answers with ${side(liked)} over answers with ${side(over)} (function ${f.i + 1}).`;
    list.append(item);
  }
  $("learned-summary").textContent = clear.length
    ? `After ${state.answers} answers, Attune has learned what you value:`
    : `After ${state.answers} answers, your choices do not yet lean clearly on any function; a few more answers will help.`;
  $("learned").hidden = false;
  if (!state.finishedShown) {
    state.finishedShown = true;
    $("question").hidden = true;
    $("learned-title").focus();
  }
}

function updateAsk() {
  const left = ENOUGH_ANSWERS - state.answers;
  $("ask").hidden = left > 0;
  $("ask-hint").textContent = left > 0
    ? `Answer ${left} more to ask a question.`
    : "Ask anything: you will see the answer chosen for you beside the one chosen for everyone.";
}

function showPair(pair) {
  state.pair = pair;
  $("pair-prompt").textContent = pair.prompt ?? "";
  $("response-a").textContent = pair.responseA ?? "";
  $("response-b").textContent = pair.responseB ?? "";
  // After the finished state, the next pair waits until the user asks to go on.
  $("question").hidden = state.finishedShown && !state.continuing;
  setBusy(false);
}

async function nextQuestion() {
  if (state.stopped) {
    return;
  }
  try {
    const reply = await api("POST", userPath("next-query"), {});
    showPair(reply.pair);
  } catch (error) {
    state.pair = null;
    setBusy(false);
    if (!state.stopped) {
      fail(error.code === Code.FAILED_PRECONDITION ? `No more questions to ask: ${error.message}` : `Could not fetch the next question: ${error.message}`);
    }
  }
}

async function answer(preference) {
  if (state.busy || !state.pair) {
    return;
  }
  fail("");
  setBusy(true);
  say("Saving your answer…");
  try {
    const reply = await api("POST", userPath("answers"), {
      pair: state.pair,
      preference,
      clientId: `${state.user}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    });
    await loadModel(Number(reply.profile?.modelVersion ?? 0));
    renderProfile(reply.profile);
    say(state.answers === ENOUGH_ANSWERS && !state.continuing
      ? `Answer ${state.answers} saved. That is enough to know your taste: see what was learned below.`
      : `Answer ${state.answers} saved; your profile moved. Next question below.`);
    await nextQuestion();
    if (!$("question").hidden) {
      $("question-title").focus();
    }
  } catch (error) {
    setBusy(false);
    if (!state.stopped) {
      fail(`Your answer was not saved: ${error.message}`);
    }
  }
}

async function start(event) {
  event.preventDefault();
  fail("");
  const name = $("user-name").value.trim();
  if (!name) {
    fail("Enter a user name first.");
    $("user-name").focus();
    return;
  }
  if (!apiKey()) {
    fail("Enter your API key first.");
    $("api-key").focus();
    return;
  }
  if ($("api-key").value.trim()) {
    sessionStorage.setItem(KEY_STORAGE, $("api-key").value.trim());
  }
  state.user = name;
  state.stopped = false;
  state.finishedShown = false;
  state.continuing = false;
  say(`Loading the profile of ${name}…`);
  try {
    const reply = await api("GET", userPath("profile"));
    await loadModel(Number(reply.profile?.modelVersion ?? 0));
    state.finishedShown = Number(reply.profile?.answers ?? 0) >= ENOUGH_ANSWERS;
    renderProfile(reply.profile);
    say(`Hello ${name}. Pick the answer you prefer.`);
    await nextQuestion();
    $("question-title").focus();
  } catch (error) {
    if (!state.stopped) {
      fail(`Could not start: ${error.message}`);
    }
  }
}

async function ask(event) {
  event.preventDefault();
  fail("");
  const prompt = $("ask-prompt").value.trim();
  if (!prompt) {
    fail("Write a question first.");
    $("ask-prompt").focus();
    return;
  }
  $("ask-button").disabled = true;
  say("Writing answers…");
  try {
    const reply = await api("POST", userPath("generate"), { prompt, n: CANDIDATES });
    $("answer-personal").textContent = reply.response ?? "";
    $("answer-population").textContent = reply.populationResponse ?? "";
    const count = (reply.candidates ?? []).length;
    $("answers-source").textContent = reply.backend === "pool"
      ? `Stand-in answers: no LLM is configured, so both are picked from Attune's pool of written answers for this question (${count} candidates), by your reward and by everyone's.`
      : `Both answers were picked from ${count} candidates written by ${reply.backend ?? "the LLM"}: one by your reward, one by everyone's.`;
    $("answers").hidden = false;
    $("answers-source").hidden = false;
    say("Two answers are shown: the one for you, and the one for everyone.");
  } catch (error) {
    if (!state.stopped) {
      fail(error.code === Code.UNAVAILABLE || error.status === 503 ? `The generator is not available: ${error.message}` : `No answer: ${error.message}`);
    }
  } finally {
    $("ask-button").disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  if (takeKeyFromFragment()) {
    $("key-field").hidden = true;
    $("key-given").hidden = false;
  }
  $("start-form").addEventListener("submit", start);
  $("ask-form").addEventListener("submit", ask);
  for (const id of ["choose-a", "choose-b", "choose-none"]) {
    $(id).addEventListener("click", (e) => answer(Number(e.currentTarget.dataset.preference)));
  }
  $("answer-more").addEventListener("click", () => {
    state.continuing = true;
    $("question").hidden = !state.pair;
    $("question-title").focus();
  });
  setBusy(false);
});
