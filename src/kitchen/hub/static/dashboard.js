// The facilitator's dashboard: log in with the facilitator code, then one tile per team,
// kept live by the hub's WebSocket (/ws/dashboard, reconnecting whenever it drops), with
// controls for every team at once and the workshop report's downloads.

import { answered, confirmTwice, el, getJson, postJson, sendCommand, setCsrf } from "./api.js";
import { cyclesView } from "./cycles.js";
import { TeamTile, clock } from "./tiles.js";
import { number, t, tn } from "./words.js";

const $ = (id) => document.getElementById(id);
const tiles = new Map(); // game_id -> TeamTile
let tool = null;
let socket = null;
let retry = 500;
let huddleEnds = 0;
const cycles = cyclesView($("cycle-teams"), (text, state) => {
  $("cycles-message").textContent = text;
  $("cycles-message").dataset.state = state;
});

function showLogin(message) {
  $("loading").hidden = true;
  $("login").hidden = false;
  $("board").hidden = true;
  $("logout").hidden = true;
  $("live").hidden = true;
  $("login-error").textContent = message || "";
  if (socket) {
    socket.onclose = null;
    socket.close();
    socket = null;
  }
  $("code").focus();
}

function setLive(text, state) {
  const live = $("live");
  live.hidden = false;
  live.textContent = text;
  live.dataset.state = state;
}

function sayAll(text, state) {
  $("all-message").textContent = text;
  $("all-message").dataset.state = state || "";
}

/** The tile of a team, made when it first appears. */
function tileFor(team) {
  let tile = tiles.get(team.game_id);
  if (tile) {
    tile.update(team);
  } else {
    tile = new TeamTile(team, tool, refreshAllDisruptions);
    tiles.set(team.game_id, tile);
    $("tiles").append(tile.node);
  }
  $("no-teams").hidden = tiles.size > 0;
  cycles.tileChanged(team);
  return tile;
}

/** The "for all" disruption menu: numbers every connected team's level has, with names. */
function refreshAllDisruptions() {
  const byIndex = new Map();
  for (const tile of tiles.values()) {
    if (!tile.tile.connected) continue;
    for (const d of tile.disruptions) {
      if (!byIndex.has(d.index)) byIndex.set(d.index, new Set());
      byIndex.get(d.index).add(d.label);
    }
  }
  const select = $("disrupt-all-which");
  const before = select.value;
  select.replaceChildren();
  for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
    const option = el("option", "", `${number(index + 1)}. ${[...byIndex.get(index)].join(" / ")}`);
    option.value = String(index);
    select.append(option);
  }
  if (byIndex.size === 0) select.append(el("option", "", t("no_level_yet")));
  else if (byIndex.has(Number(before))) select.value = before;
  select.disabled = byIndex.size === 0;
  $("disrupt-all").disabled = byIndex.size === 0;
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(`${scheme}//${location.host}/ws/dashboard`);
  socket.onopen = () => {
    retry = 500;
    setLive(t("live"), "live");
  };
  socket.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (err) {
      return;
    }
    if (message.type === "tile") {
      tileFor(message.team);
      refreshAllDisruptions();
    } else if (message.type === "done") {
      answered(message);
    }
  };
  socket.onclose = (event) => {
    socket = null;
    if (event.code === 4403) {
      showLogin(t("login_ended"));
      return;
    }
    setLive(t("reconnecting"), "away");
    setTimeout(start, retry);
    retry = Math.min(retry * 2, 8000);
  };
}

/** Read the state (or find out a login is needed), then listen for changes. */
async function start() {
  const state = await getJson("/api/state");
  if (!state.ok) {
    if (state.status === 401 || state.status === 403) {
      showLogin("");
      return;
    }
    setLive(t("reconnecting"), "away");
    setTimeout(start, retry);
    retry = Math.min(retry * 2, 8000);
    return;
  }
  if (tool === null) {
    const reply = await getJson("/api/team-tool");
    if (!reply.ok) {
      setLive(t("no_rating_form", { error: reply.error }), "away");
      return;
    }
    tool = reply.data;
  }
  setCsrf(state.data.csrf);
  $("workshop").textContent = state.data.workshop;
  document.title = t("title", { workshop: state.data.workshop });
  $("loading").hidden = true;
  $("login").hidden = true;
  $("board").hidden = false;
  $("logout").hidden = false;
  for (const team of state.data.teams) tileFor(team);
  $("no-teams").hidden = tiles.size > 0;
  refreshAllDisruptions();
  if (socket === null) connect();
}

/** A command for every connected game, saying how many answered. */
async function commandAll(command, what) {
  let answers = 0;
  let done = 0;
  let total = null;
  let refused = [];
  const show = () => {
    const known = total !== null;
    if (!refused.length) {
      sayAll(known ? tn("all_done", total, { what, done: number(done) })
        : tn("all_done_so_far", done, { what }), "done");
      return;
    }
    const list = refused.join("; ");
    sayAll(known ? tn("all_done_refused", total, { what, done: number(done), refused: list })
      : tn("all_so_far_refused", done, { what, refused: list }), "refused");
  };
  sayAll(t("all_sending", { what }));
  const reply = await sendCommand(null, command, (answer) => {
    answers += 1;
    if (answer.ok) done += 1;
    else refused = refused.concat([`${tiles.get(answer.game_id)?.tile.team}: ${answer.message}`]);
    show();
  });
  if (!reply.ok) {
    sayAll(t("all_not_sent", { what, error: reply.error }), "refused");
    return reply;
  }
  total = reply.data.sent_to.length;
  if (answers > 0) show();
  else sayAll(tn("all_sent", total, { what }), "sent");
  return reply;
}

function tickHuddle() {
  const left = (huddleEnds - Date.now()) / 1000;
  const shownLeft = $("huddle-left");
  if (left <= 0) {
    shownLeft.hidden = true;
    return;
  }
  shownLeft.hidden = false;
  shownLeft.textContent = t("huddle_left", { time: clock(left) });
  setTimeout(tickHuddle, 250);
}

/** Show the live tiles or the Cycles view. */
function showView(name) {
  const onCycles = name === "cycles";
  $("teams-view").hidden = onCycles;
  $("cycles-view").hidden = !onCycles;
  $("view-teams").setAttribute("aria-pressed", String(!onCycles));
  $("view-cycles").setAttribute("aria-pressed", String(onCycles));
  cycles.show(onCycles);
}

function wire() {
  $("view-teams").addEventListener("click", () => showView("teams"));
  $("view-cycles").addEventListener("click", () => showView("cycles"));
  $("login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const code = $("code").value.trim();
    const reply = await postJson("/login", { code });
    if (!reply.ok) {
      $("login-error").textContent = reply.status === 403 ? t("wrong_code") : reply.error;
      return;
    }
    $("code").value = "";
    $("login-error").textContent = "";
    start();
  });
  $("logout").addEventListener("click", async () => {
    await postJson("/logout", {});
    showLogin(t("logged_out"));
  });
  $("pause-all").addEventListener("click", () => commandAll({ kind: "pause" }, t("pause_all")));
  $("resume-all").addEventListener("click", () => commandAll({ kind: "resume" }, t("resume_all")));
  confirmTwice($("end-all"), () => commandAll({ kind: "end" }, t("end_all")));
  $("huddle-all").addEventListener("click", async () => {
    const seconds = Number($("huddle-seconds").value);
    const reply = await commandAll({ kind: "huddle", seconds }, t("huddle_of", { time: clock(seconds) }));
    if (reply.ok) {
      huddleEnds = Date.now() + seconds * 1000;
      tickHuddle();
    }
  });
  $("disrupt-all").addEventListener("click", () => {
    const select = $("disrupt-all-which");
    const label = select.selectedOptions[0]?.textContent || "";
    commandAll({ kind: "trigger", index: Number(select.value) }, t("trigger", { label }));
  });
  $("team-only").addEventListener("change", () => {
    const suffix = $("team-only").checked ? "?team_only=1" : "";
    for (const kind of ["html", "csv", "json"]) $(`report-${kind}`).href = `/report.${kind}${suffix}`;
  });
}

wire();
start();
