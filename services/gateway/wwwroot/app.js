// The onboarding page: pick a user name, answer the pairs the model is least sure about, watch the profile move, then
// compare a personalized answer with the non-personalized one. Talks to the JSON routes the gateway forwards to the
// services (/v1/..., gRPC JSON transcoding of the google.api.http rules in protos/attune/v1): bodies and replies in the
// proto3 JSON mapping (lowerCamelCase names, int64 as strings, enums by name, fields at their default may be absent),
// errors as google.rpc.Status ({"code": 9, "message": "...", "details": []}).
"use strict";

const ENOUGH_ANSWERS = 10;
const KEY_STORAGE = "attune-api-key";
const state = { user: "", pair: null, answers: 0, busy: false };
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
  const response = await fetch(path, {
    method,
    headers: { "x-api-key": apiKey(), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
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
    throw error;
  }
  return data;
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

function renderProfile(profile) {
  const mean = (profile.weights?.mean ?? []).map(Number);
  const covariance = (profile.weights?.covariance ?? []).map(Number);
  const k = mean.length;
  const sd = mean.map((_, i) => Math.sqrt(Math.max(0, covariance[i * k + i] ?? 0)));
  const scale = Math.max(1, ...mean.map((m, i) => Math.abs(m) + sd[i]));
  const percent = (v) => 50 + (50 * v) / scale;
  const bars = $("bars");
  bars.replaceChildren();
  mean.forEach((m, i) => {
    const row = document.createElement("li");
    row.className = "bar-row";
    row.dataset.weight = m.toFixed(4);
    row.dataset.sd = sd[i].toFixed(4);
    const label = document.createElement("span");
    label.textContent = `Function ${i + 1}`;
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
    row.setAttribute("aria-label", `Function ${i + 1}: weight ${m.toFixed(2)}, plus or minus ${sd[i].toFixed(2)}`);
    row.append(label, track, value);
    bars.append(row);
  });
  const cluster = profile.cluster;
  $("cluster").textContent = cluster && k > 0
    ? `Closest group of users: cluster ${Number(cluster.cluster ?? 0) + 1} (similarity ${Number(cluster.similarity ?? 0).toFixed(2)})`
    : "This model has no clusters of users.";
  // int64 arrives as a string in the proto3 JSON mapping.
  $("model-version").textContent = `Scored with model version ${Number(profile.modelVersion ?? 0)}, the one in force.`;
  state.answers = Number(profile.answers ?? 0);
  $("answer-count").textContent = String(state.answers);
  $("profile").hidden = false;
  updateAsk();
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
  $("question").hidden = false;
  setBusy(false);
}

async function nextQuestion() {
  try {
    const reply = await api("POST", userPath("next-query"), {});
    showPair(reply.pair);
  } catch (error) {
    state.pair = null;
    setBusy(false);
    fail(error.code === Code.FAILED_PRECONDITION ? `No more questions to ask: ${error.message}` : `Could not fetch the next question: ${error.message}`);
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
    renderProfile(reply.profile);
    say(`Answer ${state.answers} saved; your profile moved. Next question below.`);
    await nextQuestion();
    $("question-title").focus();
  } catch (error) {
    setBusy(false);
    fail(`Your answer was not saved: ${error.message}`);
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
  state.user = name;
  say(`Loading the profile of ${name}…`);
  try {
    const reply = await api("GET", userPath("profile"));
    renderProfile(reply.profile);
    say(`Hello ${name}. Pick the answer you prefer.`);
    await nextQuestion();
    $("question-title").focus();
  } catch (error) {
    fail(error.code === Code.UNAUTHENTICATED || error.status === 401 ? "That API key was refused." : `Could not start: ${error.message}`);
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
    const reply = await api("POST", userPath("generate"), { prompt });
    $("answer-personal").textContent = reply.response ?? "";
    $("answer-population").textContent = reply.populationResponse ?? "";
    $("answers").hidden = false;
    say("Two answers are shown: the one for you, and the one for everyone.");
  } catch (error) {
    fail(error.code === Code.UNAVAILABLE || error.status === 503 ? `The generator is not available: ${error.message}` : `No answer: ${error.message}`);
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
  setBusy(false);
});
